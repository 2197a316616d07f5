package io.blockhouse.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeHeapTest {

    /**
     * Direct buffers are malloc'ed; after many small ones are freed glibc holds their pages until trimmed, and the
     * first trim afterwards reports that it gave memory back.
     */
    @Test
    void givesFreedMallocMemoryBack() throws Exception {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 2048; i++) {
            // below glibc's mmap threshold, so they come from an arena, and touched so their pages are resident
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            buffer.put(0, (byte) 1).put(buffer.capacity() - 1, (byte) 1);
            buffers.add(buffer);
        }
        buffers.clear();
        // direct buffers are freed by their cleaners once unreachable
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertTrue(NativeHeap.releaseFree(), "malloc_trim found nothing to give back after 128 MiB were freed");
    }
}
