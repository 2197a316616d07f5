package io.blockhouse.it.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.crash.BlockPattern;
import org.junit.jupiter.api.Test;

class BlockLedgerTest {

    private static final BlockPattern PATTERN = new BlockPattern(42);

    private final BlockLedger ledger = new BlockLedger(PATTERN, 100, 16);

    @Test
    void neverWrittenBlocksMustReadAsZeros() {
        assertNull(ledger.verify(100, 2, new byte[2 * BlockPattern.BLOCK]));
        assertNotNull(ledger.verify(100, 1, PATTERN.block(100, 1)));
    }

    @Test
    void acknowledgedWriteMustBeReadBackExactly() {
        long[] generations = new long[2];
        byte[] data = ledger.newWrite(104, 2, generations);
        ledger.written(104, generations);
        assertNull(ledger.verify(104, 2, data));
        assertNotNull(ledger.verify(104, 1, new byte[BlockPattern.BLOCK]), "old (zero) content after the write");
    }

    @Test
    void olderGenerationIsAMismatch() {
        long[] first = new long[1];
        byte[] old = ledger.newWrite(110, 1, first);
        ledger.written(110, first);
        long[] second = new long[1];
        ledger.newWrite(110, 1, second);
        ledger.written(110, second);
        String mismatch = ledger.verify(110, 1, old);
        assertNotNull(mismatch);
        assertTrue(mismatch.contains("generation 1"), mismatch);
    }

    @Test
    void abortedWriteAllowsOldOrNewUntilReadOnce() {
        long[] first = new long[1];
        byte[] old = ledger.newWrite(108, 1, first);
        ledger.written(108, first);
        long[] aborted = new long[1];
        byte[] fresh = ledger.newWrite(108, 1, aborted);
        ledger.maybeWritten(108, aborted);
        assertEquals(1, ledger.unknownBlocks());
        assertNull(ledger.verify(108, 1, fresh));
        assertEquals(0, ledger.unknownBlocks());
        assertNotNull(ledger.verify(108, 1, old), "once the new data was seen, the old one is a mismatch");
    }

    @Test
    void abortedWriteStillRejectsForeignData() {
        long[] aborted = new long[1];
        ledger.newWrite(101, 1, aborted);
        ledger.maybeWritten(101, aborted);
        byte[] otherWriter = new BlockPattern(7).block(101, aborted[0]);
        assertNotNull(ledger.verify(101, 1, otherWriter));
        byte[] otherBlock = PATTERN.block(102, aborted[0]);
        assertNotNull(ledger.verify(101, 1, otherBlock));
    }
}
