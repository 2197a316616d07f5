package io.blockhouse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AnonymousMemoryTest {

    @Test
    void mappingLargerThanTwoGibIsZeroFilledAndWritableAtTheFarEnd() throws IOException {
        long size = 3L << 30;
        try (AnonymousMemory memory = AnonymousMemory.map(size)) {
            assertEquals(size, memory.size());
            ByteBuffer tail = memory.view(size - 4096, 4096);
            for (int i = 0; i < 4096; i++) {
                assertEquals(0, tail.get(i));
            }
            tail.putLong(4088, 0x0123456789abcdefL);
            // A second view of the same bytes sees the write: views share the mapping.
            assertEquals(0x0123456789abcdefL, memory.view(size - 8, 8).getLong(0));
            assertEquals(0, memory.view(2L << 30, 8).getLong(0));
        }
    }

    @Test
    void viewsOutsideTheMappingAndAfterCloseAreRefused() throws IOException {
        AnonymousMemory memory = AnonymousMemory.map(8192);
        assertThrows(IndexOutOfBoundsException.class, () -> memory.view(4096, 4097));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.view(-1, 1));
        memory.close();
        memory.close();
        assertThrows(IllegalStateException.class, () -> memory.view(0, 1));
        assertThrows(IllegalArgumentException.class, () -> AnonymousMemory.map(0));
    }

    @Test
    void impossibleSizeFailsWithMmapError() {
        NativeIOException e = assertThrows(NativeIOException.class, () -> AnonymousMemory.map(1L << 60));
        assertEquals("mmap", e.call());
    }
}
