package io.blockhouse.kernel;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;

/** Direct buffers whose address is aligned as O_DIRECT requires. */
public final class AlignedBuffers {

    /** The alignment that satisfies O_DIRECT on every Linux device (the largest logical sector size, a page). */
    public static final int DIRECT_IO_ALIGNMENT = 4096;

    private AlignedBuffers() {
    }

    /** A direct buffer of exactly {@code size} bytes whose first byte sits on an {@code alignment} boundary. */
    public static ByteBuffer allocate(int size, int alignment) {
        if (Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        if (size < 0 || size > Integer.MAX_VALUE - 2 * alignment) {
            throw new IllegalArgumentException("size out of range: " + size);
        }
        // alignedSlice rounds the capacity down to a multiple of the alignment, so reserve a whole extra unit
        // beyond the rounded-up size.
        int rounded = (size + alignment - 1) & -alignment;
        ByteBuffer aligned = ByteBuffer.allocateDirect(rounded + alignment).alignedSlice(alignment);
        return aligned.limit(size).slice();
    }

    /**
     * True when {@code buffer} is direct, the address of its current position is a multiple of
     * {@code addressAlignment} and its remaining length a multiple of {@code lengthMultiple}, so O_DIRECT can use it
     * without a bounce buffer.
     */
    public static boolean isAligned(ByteBuffer buffer, int addressAlignment, int lengthMultiple) {
        return buffer.isDirect()
                && buffer.alignmentOffset(buffer.position(), addressAlignment) == 0
                && buffer.remaining() % lengthMultiple == 0;
    }

    /** The native address of a direct buffer's element 0 (not of its position). */
    static long address(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("native I/O needs a direct buffer, got a heap buffer");
        }
        return MemoryIO.getInstance().getDirectBufferAddress(buffer);
    }
}
