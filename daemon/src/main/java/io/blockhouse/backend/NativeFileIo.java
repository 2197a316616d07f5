package io.blockhouse.backend;

import io.blockhouse.kernel.AlignedBuffers;
import io.blockhouse.kernel.NativeFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Positional I/O on a {@link NativeFile} for any caller buffer. With O_DIRECT the kernel wants an aligned memory
 * address, so buffers that are not (heap buffers, most pooled Netty buffers) go through a per-thread aligned bounce
 * buffer, in pieces of at most {@link #BOUNCE_SIZE}. Without O_DIRECT only heap buffers bounce.
 */
final class NativeFileIo {

    static final int BOUNCE_SIZE = 1 << 20;

    private static final ThreadLocal<ByteBuffer> BOUNCE =
            ThreadLocal.withInitial(() -> AlignedBuffers.allocate(BOUNCE_SIZE, AlignedBuffers.DIRECT_IO_ALIGNMENT));

    private final NativeFile file;
    private final int sectorSize;

    /** @param sectorSize the unit O_DIRECT offsets and lengths must be multiples of */
    NativeFileIo(NativeFile file, int sectorSize) {
        this.file = file;
        this.sectorSize = sectorSize;
    }

    NativeFile file() {
        return file;
    }

    void read(long offset, ByteBuffer dst) throws IOException {
        checkDirectAlignment("read", offset, dst.remaining());
        if (canUseDirectly(dst)) {
            file.read(offset, dst);
            return;
        }
        ByteBuffer bounce = BOUNCE.get();
        long position = offset;
        while (dst.hasRemaining()) {
            int n = Math.min(dst.remaining(), BOUNCE_SIZE);
            bounce.clear().limit(n);
            file.read(position, bounce);
            bounce.flip();
            dst.put(bounce);
            position += n;
        }
    }

    /** Writes all of {@code src}; when {@code durable}, each piece is on stable storage before this returns. */
    void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        checkDirectAlignment("write", offset, src.remaining());
        if (canUseDirectly(src)) {
            writePiece(offset, src, durable);
            return;
        }
        ByteBuffer bounce = BOUNCE.get();
        long position = offset;
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), BOUNCE_SIZE);
            bounce.clear();
            bounce.put(bounce.position(), src, src.position(), n);
            bounce.limit(n);
            writePiece(position, bounce, durable);
            src.position(src.position() + n);
            position += n;
        }
    }

    private void writePiece(long offset, ByteBuffer src, boolean durable) throws IOException {
        if (durable) {
            file.writeDurable(offset, src);
        } else {
            file.write(offset, src);
        }
    }

    private boolean canUseDirectly(ByteBuffer buffer) {
        if (file.isDirect()) {
            return AlignedBuffers.isAligned(buffer, AlignedBuffers.DIRECT_IO_ALIGNMENT, sectorSize);
        }
        return buffer.isDirect();
    }

    private void checkDirectAlignment(String operation, long offset, int length) {
        if (file.isDirect() && (offset % sectorSize != 0 || length % sectorSize != 0)) {
            throw new IllegalArgumentException(operation + " of " + length + " bytes at offset " + offset + " on "
                    + file.path() + " is not aligned to its " + sectorSize + "-byte sectors (O_DIRECT)");
        }
    }
}
