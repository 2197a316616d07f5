package io.blockhouse.scsi;

import java.util.Arrays;

/**
 * Reads a fuzz input as a sequence of fields, front to back, so that seed files can be written by hand: a real
 * CDB is just its bytes behind a small header. Reading past the end yields zeros and empty arrays.
 */
final class FuzzInput {
    private final byte[] bytes;
    private int position;

    FuzzInput(byte[] bytes) {
        this.bytes = bytes;
    }

    boolean hasMore() {
        return position < bytes.length;
    }

    int u8() {
        return position < bytes.length ? bytes[position++] & 0xFF : 0;
    }

    int u16() {
        return (u8() << 8) | u8();
    }

    /** Up to {@code n} bytes (fewer at the end of the input). */
    byte[] bytes(int n) {
        int take = Math.max(0, Math.min(n, bytes.length - position));
        byte[] b = Arrays.copyOfRange(bytes, position, position + take);
        position += take;
        return b;
    }
}
