package io.blockhouse.it.soak;

import io.blockhouse.it.crash.BlockPattern;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What each block of one writer's LBA range must hold. Normally exactly one generation (0: never written, all
 * zeros). A write whose outcome the initiator cannot know (aborted by task management) makes the block <em>unknown
 * among</em> the generation it had and the one that write carried; the next read must find one of those and settles
 * the block to it. So verification stays exact after aborts instead of skipping the blocks they touched.
 *
 * <p>Generations only grow per block, so a stale write can never be mistaken for a newer one. Not thread-safe: one
 * worker owns it.
 */
final class BlockLedger {

    private final BlockPattern pattern;
    private final long firstLba;
    private final long[] expected;
    private final long[] highest;
    /** Blocks (index into the range) whose content is one of several generations. */
    private final Map<Integer, long[]> unknown = new HashMap<>();

    BlockLedger(BlockPattern pattern, long firstLba, int blocks) {
        this.pattern = pattern;
        this.firstLba = firstLba;
        this.expected = new long[blocks];
        this.highest = new long[blocks];
    }

    long firstLba() {
        return firstLba;
    }

    int blocks() {
        return expected.length;
    }

    /** The data of a write of {@code blocks} blocks at {@code lba}, each with a new generation (recorded in {@code generations}). */
    byte[] newWrite(long lba, int blocks, long[] generations) {
        byte[] data = new byte[blocks * BlockPattern.BLOCK];
        for (int k = 0; k < blocks; k++) {
            int i = index(lba + k);
            generations[k] = ++highest[i];
            pattern.fill(data, k * BlockPattern.BLOCK, lba + k, generations[k]);
        }
        return data;
    }

    /** The target acknowledged the write: the blocks hold its generations. */
    void written(long lba, long[] generations) {
        for (int k = 0; k < generations.length; k++) {
            int i = index(lba + k);
            expected[i] = generations[k];
            unknown.remove(i);
        }
    }

    /** The write may or may not have reached the medium (aborted): each block holds what it had or the new data. */
    void maybeWritten(long lba, long[] generations) {
        for (int k = 0; k < generations.length; k++) {
            int i = index(lba + k);
            long[] before = unknown.getOrDefault(i, new long[] {expected[i]});
            long[] after = Arrays.copyOf(before, before.length + 1);
            after[before.length] = generations[k];
            unknown.put(i, after);
        }
    }

    /** How many blocks are currently unknown among several generations. */
    int unknownBlocks() {
        return unknown.size();
    }

    /**
     * Checks {@code blocks} blocks read at {@code lba} from {@code data} and settles unknown ones to what was read.
     *
     * @return null when every block holds an allowed generation, else a description of the first mismatch
     */
    String verify(long lba, int blocks, byte[] data) {
        String mismatch = null;
        for (int k = 0; k < blocks; k++) {
            int i = index(lba + k);
            BlockPattern.Observed seen = pattern.decode(data, k * BlockPattern.BLOCK, lba + k);
            long generation = switch (seen.kind()) {
                case ZERO -> 0;
                case GENERATION -> seen.generation();
                case TORN, MISPLACED -> -1;
            };
            long[] allowed = unknown.getOrDefault(i, new long[] {expected[i]});
            if (generation >= 0 && Arrays.stream(allowed).anyMatch(g -> g == generation)) {
                expected[i] = generation;
                unknown.remove(i);
            } else if (mismatch == null) {
                mismatch = "LBA " + (lba + k) + ": read " + seen.kind() + (generation > 0 ? " generation "
                        + generation : "") + ", expected generation " + Arrays.toString(allowed);
            }
        }
        return mismatch;
    }

    private int index(long lba) {
        long i = lba - firstLba;
        if (i < 0 || i >= expected.length) {
            throw new IllegalArgumentException("LBA " + lba + " outside [" + firstLba + ", "
                    + (firstLba + expected.length) + ")");
        }
        return (int) i;
    }
}
