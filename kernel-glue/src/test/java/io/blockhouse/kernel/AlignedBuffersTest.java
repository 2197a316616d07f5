package io.blockhouse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AlignedBuffersTest {

    @Test
    void allocatesExactSizeOnAlignedAddress() {
        for (int size : new int[] {0, 1, 512, 4096, 65536 + 512}) {
            ByteBuffer b = AlignedBuffers.allocate(size, 4096);
            assertEquals(size, b.capacity());
            assertEquals(size, b.remaining());
            assertTrue(b.isDirect());
            assertEquals(0, AlignedBuffers.address(b) % 4096, "address of " + size + "-byte buffer");
        }
    }

    @Test
    void alignmentCheckLooksAtPositionLengthAndKind() {
        ByteBuffer b = AlignedBuffers.allocate(8192, 4096);
        assertTrue(AlignedBuffers.isAligned(b, 4096, 512));
        b.position(512);
        assertFalse(AlignedBuffers.isAligned(b, 4096, 512));
        assertTrue(AlignedBuffers.isAligned(b, 512, 512));
        b.position(4096).limit(4096 + 100);
        assertFalse(AlignedBuffers.isAligned(b, 4096, 512), "length not a sector multiple");
        assertFalse(AlignedBuffers.isAligned(ByteBuffer.allocate(4096), 8, 512), "heap buffers never qualify");
    }

    @Test
    void rejectsBadAlignment() {
        assertThrows(IllegalArgumentException.class, () -> AlignedBuffers.allocate(512, 3000));
        assertThrows(IllegalArgumentException.class, () -> AlignedBuffers.address(ByteBuffer.allocate(1)));
    }
}
