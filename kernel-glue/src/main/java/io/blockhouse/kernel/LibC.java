package io.blockhouse.kernel;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.LongLongByReference;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/**
 * The slice of glibc that Blockhouse calls, bound by jnr-ffi. Buffers are passed as raw addresses ({@code long})
 * because every caller already holds direct memory; nothing here copies data.
 *
 * <p>Internal: public only because jnr-ffi generates the implementation in its own class loader, which must be able to
 * see the interface. Everything outside this package goes through {@link NativeFile} and friends, which turn the
 * {@code -1}/errno convention into {@link NativeIOException}.
 */
@SaveError
public interface LibC {

    int open(String path, int flags, int mode);

    int close(int fd);

    @ssize_t long pread(int fd, @size_t long bufAddress, @size_t long count, @off_t long offset);

    @ssize_t long pwrite(int fd, @size_t long bufAddress, @size_t long count, @off_t long offset);

    /** {@code iov} is a {@code struct iovec[iovcnt]} laid out as pairs of (address, length) longs. */
    @ssize_t long preadv2(int fd, @In long[] iov, int iovcnt, @off_t long offset, int flags);

    /** {@code iov} is a {@code struct iovec[iovcnt]} laid out as pairs of (address, length) longs. */
    @ssize_t long pwritev2(int fd, @In long[] iov, int iovcnt, @off_t long offset, int flags);

    int fallocate(int fd, int mode, @off_t long offset, @off_t long len);

    int fdatasync(int fd);

    int fsync(int fd);

    /** Returns the error number instead of setting errno. */
    int posix_fadvise(int fd, @off_t long offset, @off_t long len, int advice);

    int ftruncate(int fd, @off_t long length);

    /** {@code buf} receives a {@code struct stat} (144 bytes on x86_64). */
    int fstat(int fd, @Out byte[] buf);

    /** {@code buf} receives a {@code struct statx} (256 bytes). */
    int statx(int dirfd, String pathname, int flags, int mask, @Out byte[] buf);

    @off_t long lseek(int fd, @off_t long offset, int whence);

    int ioctl(int fd, @u_int64_t long request, @Out LongLongByReference value);

    int ioctl(int fd, @u_int64_t long request, @Out IntByReference value);

    int ioctl(int fd, @u_int64_t long request, @In long[] value);

    /** The GNU variant: returns a pointer to the message, which may or may not be {@code buf}. */
    String strerror_r(int errnum, @Out byte[] buf, @size_t long buflen);

    /**
     * Declared with {@link Pointer}s: with only primitive arguments (six of them) jnr-ffi 2.2.17 was seen to pass
     * a bad {@code offset}, which glibc rejects with EINVAL before making the system call.
     */
    Pointer mmap(Pointer addr, @size_t long length, int prot, int flags, int fd, @off_t long offset);

    int munmap(@size_t long addr, @size_t long length);

    /** Returns 1 when memory was given back to the system, 0 when there was none to give. */
    int malloc_trim(@size_t long pad);
}
