package io.blockhouse.kernel;

import java.io.EOFException;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.LongLongByReference;

/**
 * An open file descriptor with positional I/O into direct buffers and the Linux extras a block target needs
 * (fallocate, fdatasync, SEEK_DATA/SEEK_HOLE, block-device ioctls through {@link BlockDevice}).
 *
 * <p>Thread-safe: positional calls never touch the file offset, so any number of threads may read and write at
 * once. {@link #close()} waits for calls in flight and later calls fail with "closed", which rules out the classic
 * bug of a recycled descriptor number receiving another file's I/O.
 */
public final class NativeFile implements AutoCloseable {

    /** How the file is opened. */
    public enum Access { READ_ONLY, READ_WRITE }

    /** Optional open flags. */
    public enum Flag {
        /** O_CREAT (mode 0644). */
        CREATE(O_CREAT, "O_CREAT"),
        /** O_DIRECT: bypass the page cache; buffers, offsets and lengths must be aligned. */
        DIRECT(O_DIRECT, "O_DIRECT"),
        /** O_DSYNC: every write is durable when it returns. */
        DSYNC(O_DSYNC, "O_DSYNC");

        final int value;
        final String cName;

        Flag(int value, String cName) {
            this.value = value;
            this.cName = cName;
        }
    }

    /** posix_fadvise advice values. */
    public enum Advice {
        NORMAL(0), RANDOM(1), SEQUENTIAL(2), WILLNEED(3), DONTNEED(4), NOREUSE(5);

        final int value;

        Advice(int value) {
            this.value = value;
        }
    }

    // Values from the x86_64 Linux uapi headers (asm-generic/fcntl.h, linux/falloc.h, unistd.h, linux/fs.h).
    static final int O_RDONLY = 0;
    static final int O_RDWR = 02;
    static final int O_CREAT = 0100;
    static final int O_DSYNC = 010000;
    static final int O_DIRECT = 040000;
    static final int O_CLOEXEC = 02000000;
    static final int FALLOC_FL_KEEP_SIZE = 0x01;
    static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;
    static final int RWF_DSYNC = 0x02;
    static final int RWF_NOWAIT = 0x08;
    private static final int STRUCT_STAT_SIZE = 144;
    private static final int STRUCT_STATX_SIZE = 256;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_DIOALIGN = 0x2000;

    private final LibC libc;
    private final int fd;
    private final String path;
    private final Set<Flag> flags;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;
    /** Cleared the first time pwritev2(RWF_DSYNC) turns out to be unsupported (old kernel or file system). */
    private volatile boolean rwfDsyncSupported = true;
    /** Cleared the first time preadv2(RWF_NOWAIT) turns out to be unsupported (kernel before 4.14). */
    private volatile boolean rwfNowaitSupported = true;

    private NativeFile(LibC libc, int fd, String path, Set<Flag> flags) {
        this.libc = libc;
        this.fd = fd;
        this.path = path;
        this.flags = flags;
    }

    /** Opens {@code path}; the descriptor is close-on-exec. */
    public static NativeFile open(Path path, Access access, Flag... flags) throws IOException {
        Set<Flag> set = EnumSet.noneOf(Flag.class);
        set.addAll(Arrays.asList(flags));
        return open(path, access, set);
    }

    /** Opens {@code path}; the descriptor is close-on-exec. */
    public static NativeFile open(Path path, Access access, Set<Flag> flags) throws IOException {
        LibC libc = Kernel.libc();
        Set<Flag> copy = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
        int value = O_CLOEXEC | (access == Access.READ_WRITE ? O_RDWR : O_RDONLY);
        StringJoiner names = new StringJoiner("|");
        names.add(access == Access.READ_WRITE ? "O_RDWR" : "O_RDONLY");
        for (Flag flag : copy) {
            value |= flag.value;
            names.add(flag.cName);
        }
        String pathText = path.toString();
        while (true) {
            int fd = libc.open(pathText, value, 0644);
            if (fd >= 0) {
                return new NativeFile(libc, fd, pathText, copy);
            }
            int errno = Kernel.lastErrno();
            if (errno != Errno.EINTR) {
                throw new NativeIOException("open", pathText, names.toString(), errno);
            }
        }
    }

    /** The path this file was opened with. */
    public String path() {
        return path;
    }

    /** True when opened with O_DIRECT. */
    public boolean isDirect() {
        return flags.contains(Flag.DIRECT);
    }

    /** True when opened with O_DSYNC. */
    public boolean isDsync() {
        return flags.contains(Flag.DSYNC);
    }

    /**
     * Reads exactly {@code dst.remaining()} bytes at {@code offset} into the direct buffer {@code dst}, advancing its
     * position. Retries after EINTR and short reads; reaching end of file first is an {@link EOFException}.
     */
    public void read(long offset, ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot read into a read-only buffer");
        }
        int position = dst.position();
        int length = dst.remaining();
        long address = AlignedBuffers.address(dst) + position;
        acquire("pread");
        try {
            long done = 0;
            while (done < length) {
                long n = libc.pread(fd, address + done, length - done, offset + done);
                if (n < 0) {
                    int errno = Kernel.lastErrno();
                    if (errno == Errno.EINTR) {
                        continue;
                    }
                    throw new NativeIOException("pread", path, rangeText(offset + done, length - done), errno);
                }
                if (n == 0) {
                    throw new EOFException("pread " + path + ": end of file at offset " + (offset + done)
                            + " while reading " + length + " bytes at offset " + offset);
                }
                done += n;
            }
        } finally {
            release();
            Reference.reachabilityFence(dst);
        }
        dst.position(position + length);
    }

    /**
     * Reads {@code dst.remaining()} bytes at {@code offset} into the direct buffer {@code dst} only if that needs no
     * wait for the device (preadv2 with RWF_NOWAIT: every byte is in the page cache). Returns true and advances the
     * position when all bytes were read; returns false, with the position unchanged and the buffer's content
     * undefined, when the read would block, came back short, or the kernel cannot tell (then never tries again).
     * Never useful with O_DIRECT, which bypasses the cache.
     */
    public boolean readIfCached(long offset, ByteBuffer dst) throws IOException {
        if (!rwfNowaitSupported || isDirect()) {
            return false;
        }
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("cannot read into a read-only buffer");
        }
        int position = dst.position();
        int length = dst.remaining();
        long[] iov = {AlignedBuffers.address(dst) + position, length};
        acquire("preadv2");
        try {
            long n;
            do {
                n = libc.preadv2(fd, iov, 1, offset, RWF_NOWAIT);
            } while (n < 0 && Kernel.lastErrno() == Errno.EINTR);
            if (n < 0) {
                int errno = Kernel.lastErrno();
                if (errno == Errno.EAGAIN) {
                    return false;
                }
                if (errno == Errno.EOPNOTSUPP || errno == Errno.ENOSYS || errno == Errno.EINVAL) {
                    rwfNowaitSupported = false;
                    return false;
                }
                throw new NativeIOException("preadv2", path, rangeText(offset, length), errno);
            }
            if (n < length) {
                return false; // partly cached, or end of file: the blocking read sorts it out
            }
        } finally {
            release();
            Reference.reachabilityFence(dst);
        }
        dst.position(position + length);
        return true;
    }

    /**
     * Writes all of {@code src.remaining()} bytes at {@code offset} from the direct buffer {@code src}, advancing its
     * position. Retries after EINTR and short writes.
     */
    public void write(long offset, ByteBuffer src) throws IOException {
        writeFully(offset, src, false);
    }

    /**
     * Like {@link #write} but the data is on stable storage when this returns (a FUA write): pwritev2 with RWF_DSYNC,
     * which syncs only this write, or pwrite then fdatasync where the kernel lacks it.
     */
    public void writeDurable(long offset, ByteBuffer src) throws IOException {
        if (isDsync()) {
            writeFully(offset, src, false);
        } else if (rwfDsyncSupported) {
            writeFully(offset, src, true);
        } else {
            writeFully(offset, src, false);
            fdatasync();
        }
    }

    private void writeFully(long offset, ByteBuffer src, boolean rwfDsync) throws IOException {
        int position = src.position();
        int length = src.remaining();
        long address = AlignedBuffers.address(src) + position;
        boolean syncAfter = false;
        acquire("pwrite");
        try {
            long done = 0;
            long[] iov = rwfDsync ? new long[2] : null;
            while (done < length) {
                long n;
                String call;
                if (iov != null) {
                    call = "pwritev2";
                    iov[0] = address + done;
                    iov[1] = length - done;
                    n = libc.pwritev2(fd, iov, 1, offset + done, RWF_DSYNC);
                } else {
                    call = "pwrite";
                    n = libc.pwrite(fd, address + done, length - done, offset + done);
                }
                if (n < 0) {
                    int errno = Kernel.lastErrno();
                    if (errno == Errno.EINTR) {
                        continue;
                    }
                    if (iov != null && (errno == Errno.EOPNOTSUPP || errno == Errno.ENOSYS)) {
                        // Kernel older than 4.7 or a file system that rejects the flag: fall back for good.
                        rwfDsyncSupported = false;
                        iov = null;
                        syncAfter = true;
                        continue;
                    }
                    throw new NativeIOException(call, path, rangeText(offset + done, length - done), errno);
                }
                if (n == 0) {
                    throw new IOException(call + " " + path + ": wrote nothing at offset " + (offset + done));
                }
                done += n;
            }
        } finally {
            release();
            Reference.reachabilityFence(src);
        }
        src.position(position + length);
        if (syncAfter) {
            fdatasync();
        }
    }

    /** Flushes written data (and the metadata needed to read it back) to stable storage. */
    public void fdatasync() throws IOException {
        acquire("fdatasync");
        try {
            check(libc.fdatasync(fd), "fdatasync", null);
        } finally {
            release();
        }
    }

    /** Flushes data and all metadata to stable storage. */
    public void fsync() throws IOException {
        acquire("fsync");
        try {
            check(libc.fsync(fd), "fsync", null);
        } finally {
            release();
        }
    }

    /** posix_fadvise over {@code [offset, offset+length)}; length 0 means to the end of the file. */
    public void fadvise(long offset, long length, Advice advice) throws IOException {
        acquire("posix_fadvise");
        try {
            int result = libc.posix_fadvise(fd, offset, length, advice.value);
            if (result != 0) {
                // posix_fadvise reports its error as the return value, not through errno.
                throw new NativeIOException("posix_fadvise", path, advice.name(), result);
            }
        } finally {
            release();
        }
    }

    /** Sets the file length (grows sparse or shrinks). */
    public void truncate(long length) throws IOException {
        acquire("ftruncate");
        try {
            check(libc.ftruncate(fd, length), "ftruncate", "length " + length);
        } finally {
            release();
        }
    }

    /** fallocate mode 0: allocates blocks for the range, extending the file when it ends past the current size. */
    public void allocate(long offset, long length) throws IOException {
        fallocate(0, offset, length, "allocate");
    }

    /** Deallocates the range (later reads return zeros) without changing the file size (for UNMAP). */
    public void punchHole(long offset, long length) throws IOException {
        fallocate(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length, "PUNCH_HOLE|KEEP_SIZE");
    }

    private void fallocate(int mode, long offset, long length, String modeText) throws IOException {
        acquire("fallocate");
        try {
            while (libc.fallocate(fd, mode, offset, length) != 0) {
                int errno = Kernel.lastErrno();
                if (errno != Errno.EINTR) {
                    throw new NativeIOException("fallocate", path, modeText + ", " + rangeText(offset, length),
                            errno);
                }
            }
        } finally {
            release();
        }
    }

    /** fstat. */
    public FileStat stat() throws IOException {
        byte[] raw = new byte[STRUCT_STAT_SIZE];
        acquire("fstat");
        try {
            check(libc.fstat(fd, raw), "fstat", null);
        } finally {
            release();
        }
        // struct stat on x86_64: st_mode at 24, st_size at 48, st_blksize at 56, st_blocks (512-byte units) at 64.
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return new FileStat(b.getLong(48), b.getLong(64) * 512, b.getLong(56), b.getInt(24));
    }

    /**
     * The alignment O_DIRECT requires of file offsets and lengths here (statx STATX_DIOALIGN, Linux 6.1+), or 0
     * when the kernel or file system does not say.
     */
    public int directIoOffsetAlignment() throws IOException {
        byte[] raw = new byte[STRUCT_STATX_SIZE];
        acquire("statx");
        try {
            if (libc.statx(fd, "", AT_EMPTY_PATH, STATX_DIOALIGN, raw) != 0) {
                int errno = Kernel.lastErrno();
                if (errno == Errno.ENOSYS || errno == Errno.EINVAL) {
                    return 0;
                }
                throw new NativeIOException("statx", path, "STATX_DIOALIGN", errno);
            }
        } finally {
            release();
        }
        // struct statx: stx_mask at 0, stx_dio_offset_align at 156.
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return (b.getInt(0) & STATX_DIOALIGN) != 0 ? b.getInt(156) : 0;
    }

    /** The file's size from fstat (0 for a block device: use {@link BlockDevice#sizeBytes}). */
    public long size() throws IOException {
        return stat().size();
    }

    /** lseek SEEK_DATA: the first offset at or after {@code offset} holding data, or -1 when there is none. */
    public long seekData(long offset) throws IOException {
        return seek(offset, SEEK_DATA, "SEEK_DATA");
    }

    /** lseek SEEK_HOLE: the first offset at or after {@code offset} in a hole (the size counts as a hole), or -1
     * when {@code offset} is at or past the end of the file. */
    public long seekHole(long offset) throws IOException {
        return seek(offset, SEEK_HOLE, "SEEK_HOLE");
    }

    private long seek(long offset, int whence, String whenceText) throws IOException {
        acquire("lseek");
        try {
            long result = libc.lseek(fd, offset, whence);
            if (result >= 0) {
                return result;
            }
            int errno = Kernel.lastErrno();
            if (errno == Errno.ENXIO) {
                return -1;
            }
            throw new NativeIOException("lseek", path, whenceText + " from " + offset, errno);
        } finally {
            release();
        }
    }

    long ioctlGetLong(long request, String name) throws IOException {
        LongLongByReference value = new LongLongByReference();
        acquire("ioctl");
        try {
            check(libc.ioctl(fd, request, value), "ioctl", name);
        } finally {
            release();
        }
        return value.getValue().longValue();
    }

    int ioctlGetInt(long request, String name) throws IOException {
        IntByReference value = new IntByReference();
        acquire("ioctl");
        try {
            check(libc.ioctl(fd, request, value), "ioctl", name);
        } finally {
            release();
        }
        return value.getValue().intValue();
    }

    void ioctlSetLongs(long request, String name, long[] args) throws IOException {
        acquire("ioctl");
        try {
            check(libc.ioctl(fd, request, args), "ioctl", name);
        } finally {
            release();
        }
    }

    /** Closes the descriptor after calls in flight finish; idempotent. */
    @Override
    public void close() throws IOException {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // Linux releases the descriptor even when close reports EINTR, so never retry it.
            if (libc.close(fd) != 0) {
                int errno = Kernel.lastErrno();
                if (errno != Errno.EINTR) {
                    throw new NativeIOException("close", path, null, errno);
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "NativeFile[" + path + ", fd " + fd + ", " + flags + "]";
    }

    private void acquire(String call) throws IOException {
        lifecycle.readLock().lock();
        if (closed) {
            lifecycle.readLock().unlock();
            throw new IOException(call + " " + path + ": file is closed");
        }
    }

    private void release() {
        lifecycle.readLock().unlock();
    }

    private void check(int result, String call, String context) throws NativeIOException {
        if (result != 0) {
            throw new NativeIOException(call, path, context, Kernel.lastErrno());
        }
    }

    private static String rangeText(long offset, long length) {
        return length + " bytes at offset " + offset;
    }
}
