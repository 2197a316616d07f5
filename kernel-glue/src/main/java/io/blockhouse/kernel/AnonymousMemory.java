package io.blockhouse.kernel;

import com.kenai.jffi.MemoryIO;
import java.io.IOException;
import java.nio.ByteBuffer;
import jnr.ffi.Pointer;

/**
 * A private anonymous mapping (mmap MAP_PRIVATE|MAP_ANONYMOUS) of any size, viewed through direct ByteBuffers.
 *
 * <p>Unlike {@link ByteBuffer#allocateDirect} it is not limited to 2 GiB nor by -XX:MaxDirectMemorySize, and pages
 * the caller never writes cost nothing and read as zeros. The kernel's commit accounting still checks the size at
 * creation, so an impossible size fails here rather than later.
 *
 * <p>Not thread-safe against {@link #close()}: the owner must make sure no view is used after close, because the
 * views then point at unmapped memory and touching them crashes the JVM.
 */
public final class AnonymousMemory implements AutoCloseable {

    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final long MAP_FAILED = -1L;

    private final LibC libc;
    private final long address;
    private final long size;
    private boolean closed;

    private AnonymousMemory(LibC libc, long address, long size) {
        this.libc = libc;
        this.address = address;
        this.size = size;
    }

    /** Maps {@code size} bytes of zero-filled memory. */
    public static AnonymousMemory map(long size) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("mapping size must be positive: " + size);
        }
        LibC libc = Kernel.libc();
        Pointer mapped = libc.mmap(null, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        long address = mapped == null ? 0 : mapped.address();
        if (mapped == null || address == MAP_FAILED) {
            throw new NativeIOException("mmap", null, size + " bytes anonymous", Kernel.lastErrno());
        }
        return new AnonymousMemory(libc, address, size);
    }

    /** Mapping size in bytes. */
    public long size() {
        return size;
    }

    /**
     * A direct buffer over {@code [offset, offset+length)}. It does not own the memory: it is valid only until
     * {@link #close()}.
     */
    public ByteBuffer view(long offset, int length) {
        if (closed) {
            throw new IllegalStateException("anonymous mapping is closed");
        }
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("view " + length + " bytes at " + offset + " outside " + size);
        }
        return MemoryIO.getInstance().newDirectByteBuffer(address + offset, length);
    }

    /** Unmaps the memory; idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (libc.munmap(address, size) != 0) {
            throw new NativeIOException("munmap", null, size + " bytes", Kernel.lastErrno());
        }
    }
}
