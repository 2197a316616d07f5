package io.blockhouse.backend;

import java.nio.ByteBuffer;
import java.util.Random;

/** Test data and the buffer shapes the SCSI layer may hand a back-end. */
final class Buffers {

    /** How a test buffer is allocated. */
    enum Kind {
        HEAP,
        /** Direct and 4096-aligned: O_DIRECT can use it without bouncing. */
        ALIGNED_DIRECT,
        /** Direct but starting 8 bytes past an alignment boundary, like most pooled Netty buffers. */
        SKEWED_DIRECT,
        /** A heap buffer whose content starts at position 100 of a larger array. */
        HEAP_WITH_POSITION
    }

    private Buffers() {
    }

    static byte[] pattern(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** An empty buffer of {@code length} remaining bytes. */
    static ByteBuffer allocate(Kind kind, int length) {
        return switch (kind) {
            case HEAP -> ByteBuffer.allocate(length);
            case ALIGNED_DIRECT -> io.blockhouse.kernel.AlignedBuffers.allocate(length, 4096);
            case SKEWED_DIRECT -> {
                ByteBuffer b = io.blockhouse.kernel.AlignedBuffers.allocate(length + 4096, 4096);
                b.position(8).limit(8 + length);
                yield b;
            }
            case HEAP_WITH_POSITION -> ByteBuffer.allocate(length + 200).position(100).limit(100 + length);
        };
    }

    /** A buffer of {@code kind} holding {@code data} between position and limit. */
    static ByteBuffer of(Kind kind, byte[] data) {
        ByteBuffer b = allocate(kind, data.length);
        int start = b.position();
        b.put(data);
        b.position(start);
        return b;
    }

    /** The bytes between position and limit, without moving the buffer. */
    static byte[] remaining(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
