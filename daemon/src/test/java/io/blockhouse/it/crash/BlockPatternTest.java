package io.blockhouse.it.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The crash test's block pattern and judgement: each way a block can be wrong is recognised. */
class BlockPatternTest {

    private final BlockPattern pattern = new BlockPattern(42);

    @Test
    void aWrittenBlockDecodesToItsGeneration() {
        byte[] block = pattern.block(7, 3);
        assertEquals(new BlockPattern.Observed(BlockPattern.Kind.GENERATION, 3), pattern.decode(block, 0, 7));
    }

    @Test
    void zerosAreRecognised() {
        assertEquals(BlockPattern.Kind.ZERO, pattern.decode(new byte[BlockPattern.BLOCK], 0, 7).kind());
    }

    @Test
    void aBlockMixingTwoGenerationsIsTorn() {
        byte[] block = pattern.block(7, 3);
        byte[] newer = pattern.block(7, 4);
        // the first half of the new write landed, the second half is the old data: a torn 4 KiB block
        System.arraycopy(newer, 0, block, 0, 2048);
        assertEquals(BlockPattern.Kind.TORN, pattern.decode(block, 0, 7).kind());
    }

    @Test
    void anotherBlocksDataIsMisplaced() {
        assertEquals(BlockPattern.Kind.MISPLACED, pattern.decode(pattern.block(8, 1), 0, 7).kind());
        assertEquals(BlockPattern.Kind.MISPLACED, new BlockPattern(43).decode(pattern.block(7, 1), 0, 7).kind());
    }

    @Test
    void decodesAtAnOffsetInALargerRead() {
        byte[] read = new byte[3 * BlockPattern.BLOCK];
        pattern.fill(read, BlockPattern.BLOCK, 9, 5);
        assertEquals(5, pattern.decode(read, BlockPattern.BLOCK, 9).generation());
    }

    @Test
    void judgementAcceptsOnlyGenerationsFromTheDurableOneToTheNewestIssued() {
        DurabilityLedger ledger = new DurabilityLedger(4);
        for (int g = 1; g <= 5; g++) {
            ledger.issue(1);
        }
        ledger.acknowledged(1, 4);
        ledger.durable(1, 3);
        assertNotNull(Verifier.judge(1, new BlockPattern.Observed(BlockPattern.Kind.GENERATION, 2), ledger));
        assertNull(Verifier.judge(1, new BlockPattern.Observed(BlockPattern.Kind.GENERATION, 3), ledger));
        assertNull(Verifier.judge(1, new BlockPattern.Observed(BlockPattern.Kind.GENERATION, 5), ledger));
        assertNotNull(Verifier.judge(1, new BlockPattern.Observed(BlockPattern.Kind.GENERATION, 6), ledger));
        assertNotNull(Verifier.judge(1, new BlockPattern.Observed(BlockPattern.Kind.ZERO, 0), ledger));
        assertNotNull(Verifier.judge(1, new BlockPattern.Observed(BlockPattern.Kind.TORN, -1), ledger));
        assertNull(Verifier.judge(2, new BlockPattern.Observed(BlockPattern.Kind.ZERO, 0), ledger));
    }
}
