package io.blockhouse.it.crash;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The self-describing content of one 4 KiB block written by the crash test: a magic, the block's LBA, its generation
 * (1, 2, ... per block), the run's seed, a payload derived from all three, and a CRC32C over everything before it.
 * Reading a block back tells which write it came from, or that it is torn (checksum fails), misplaced (another LBA's
 * data) or never written (all zeros). Also used by the soak test (io.blockhouse.it.soak), with one seed per writer.
 */
public final class BlockPattern {

    public static final int BLOCK = 4096;
    private static final long MAGIC = 0x4248_4352_4153_4831L; // "BHCRASH1"
    private static final int CRC_AT = BLOCK - 4;

    private final long seed;

    public BlockPattern(long seed) {
        this.seed = seed;
    }

    /** Writes the block for ({@code lba}, {@code generation}) into {@code out} at {@code offset}. */
    public void fill(byte[] out, int offset, long lba, long generation) {
        ByteBuffer b = ByteBuffer.wrap(out, offset, BLOCK).slice();
        b.putLong(MAGIC).putLong(lba).putLong(generation).putLong(seed);
        SplittableRandom payload = new SplittableRandom(seed ^ (lba * 0x9E37_79B9_7F4A_7C15L) ^ (generation << 32));
        while (b.position() < CRC_AT) {
            b.putInt(payload.nextInt());
        }
        CRC32C crc = new CRC32C();
        crc.update(out, offset, CRC_AT);
        b.putInt((int) crc.getValue());
    }

    public byte[] block(long lba, long generation) {
        byte[] out = new byte[BLOCK];
        fill(out, 0, lba, generation);
        return out;
    }

    /** What a block read back at {@code lba} holds. */
    public Observed decode(byte[] in, int offset, long lba) {
        byte[] block = Arrays.copyOfRange(in, offset, offset + BLOCK);
        if (Arrays.equals(block, new byte[BLOCK])) {
            return new Observed(Kind.ZERO, 0);
        }
        ByteBuffer b = ByteBuffer.wrap(block);
        CRC32C crc = new CRC32C();
        crc.update(block, 0, CRC_AT);
        if (b.getInt(CRC_AT) != (int) crc.getValue() || b.getLong(0) != MAGIC) {
            return new Observed(Kind.TORN, -1);
        }
        long generation = b.getLong(16);
        if (b.getLong(8) != lba || b.getLong(24) != seed || !Arrays.equals(block, block(lba, generation))) {
            return new Observed(Kind.MISPLACED, generation);
        }
        return new Observed(Kind.GENERATION, generation);
    }

    /** Classes of block content. */
    public enum Kind { ZERO, GENERATION, TORN, MISPLACED }

    /** A decoded block: its kind and, for {@link Kind#GENERATION}, the generation (0 for a zero block). */
    public record Observed(Kind kind, long generation) {
    }
}
