package io.blockhouse.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NullBackendTest {

    @Test
    void readsZerosEvenAfterWritesAndConsumesBuffers() throws IOException {
        try (NullBackend b = new NullBackend(1L << 40, false)) {
            assertEquals(1L << 40, b.size());
            ByteBuffer src = ByteBuffer.wrap(Buffers.pattern(8192, 1));
            b.write(4096, src, true);
            assertEquals(8192, src.position());
            ByteBuffer dst = ByteBuffer.allocate(200_000);
            Arrays.fill(dst.array(), (byte) 0x5a);
            b.read(4096, dst);
            assertEquals(200_000, dst.position());
            assertArrayEquals(new byte[200_000], dst.array());
            b.flush();
            assertFalse(b.volatileCache());
        }
    }

    @Test
    void rangeAndReadOnlyGuards() throws IOException {
        try (NullBackend b = new NullBackend(1 << 20, true)) {
            assertThrows(IllegalArgumentException.class, () -> b.read(1 << 20, ByteBuffer.allocate(512)));
            IOException e = assertThrows(IOException.class, () -> b.write(0, ByteBuffer.allocate(512), false));
            assertEquals("null 1048576 bytes (read-only) is read-only", e.getMessage());
        }
    }
}
