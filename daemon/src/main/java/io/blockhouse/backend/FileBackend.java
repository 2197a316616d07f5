package io.blockhouse.backend;

import io.blockhouse.kernel.FileStat;
import io.blockhouse.kernel.NativeFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A regular file on any file system. Created sparse at the configured size when absent and grown (sparse) when
 * smaller; never shrunk, since that would cut off data.
 *
 * <p>I/O goes through the page cache with a FileChannel, or with O_DIRECT through kernel-glue when the spec asks
 * for direct I/O. Either way a kernel-glue descriptor serves flush (fdatasync) and discard (punch hole).
 * Durability: write-through opens with O_DSYNC so every write is durable; otherwise a durable (FUA) write is synced
 * before returning and {@link #flush()} syncs everything written before it.
 */
public final class FileBackend implements BlockBackend, Discardable, AllocationMap, Prefetchable, SpaceUsage,
        CachedReads, SerializedWrites, QuickWrites {

    private static final Logger LOG = LoggerFactory.getLogger(FileBackend.class);
    /** The page size of every Linux architecture the appliance runs on (x86-64). */
    private static final int PAGE_BYTES = 4096;

    private final Path path;
    private final long size;
    private final int sectorSize;
    private final boolean readOnly;
    private final boolean writeThrough;
    private final NativeFile nativeFile;
    private final NativeFileIo directIo;
    private final ChannelIo channelIo;
    private final int allocationUnit;
    private final QuickWriteGuard quickWrites = new QuickWriteGuard(System::nanoTime);

    private FileBackend(Path path, long size, int sectorSize, boolean readOnly, boolean writeThrough,
                        NativeFile nativeFile, NativeFileIo directIo, ChannelIo channelIo) {
        this.path = path;
        this.size = size;
        this.sectorSize = sectorSize;
        this.readOnly = readOnly;
        this.writeThrough = writeThrough;
        this.nativeFile = nativeFile;
        this.directIo = directIo;
        this.channelIo = channelIo;
        this.allocationUnit = allocationUnit(nativeFile);
    }

    private static int allocationUnit(NativeFile file) {
        try {
            long blksize = file.stat().blockSize();
            return blksize >= 512 && blksize <= (1 << 20) && blksize % 512 == 0 ? (int) blksize : 512;
        } catch (IOException e) {
            return 512;
        }
    }

    /**
     * Opens (creating or growing when needed) the file of {@code spec}.
     *
     * @throws IOException when the file cannot be opened, is not a regular file, is larger than the spec size, or
     *                     is missing/too small while read-only
     */
    static FileBackend open(BackendSpec spec) throws IOException {
        Path path = spec.path();
        if (Files.isDirectory(path)) {
            throw new IOException("file back-end " + path + " is a directory");
        }
        Set<NativeFile.Flag> flags = EnumSet.noneOf(NativeFile.Flag.class);
        if (!spec.readOnly()) {
            flags.add(NativeFile.Flag.CREATE);
        }
        if (spec.directIo()) {
            flags.add(NativeFile.Flag.DIRECT);
        }
        if (spec.writeThrough()) {
            flags.add(NativeFile.Flag.DSYNC);
        }
        boolean existed = Files.exists(path);
        NativeFile file = NativeFile.open(path,
                spec.readOnly() ? NativeFile.Access.READ_ONLY : NativeFile.Access.READ_WRITE, flags);
        try {
            long size = sizeFile(file, spec);
            int sectorSize = spec.directIo() ? directIoSectorSize(file) : 512;
            NativeFileIo directIo = spec.directIo() ? new NativeFileIo(file, sectorSize) : null;
            ChannelIo channelIo = spec.directIo() ? null : new ChannelIo(path, spec.readOnly(), spec.writeThrough());
            return new FileBackend(path, size, sectorSize, spec.readOnly(), spec.writeThrough(), file, directIo,
                    channelIo);
        } catch (IOException | RuntimeException e) {
            try {
                file.close();
                if (!existed) {
                    // Do not leave behind an empty file that a retry would then treat as existing.
                    Files.deleteIfExists(path);
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * The unit O_DIRECT offsets and lengths must be multiples of: that of the storage under the file system, 4096
     * for file systems on 4K-sector disks. The kernel says so through statx; where it does not (before 6.1, some
     * file systems), 512 is assumed and misaligned I/O fails with EINVAL.
     */
    private static int directIoSectorSize(NativeFile file) throws IOException {
        int alignment = file.directIoOffsetAlignment();
        return alignment > 512 ? alignment : 512;
    }

    private static long sizeFile(NativeFile file, BackendSpec spec) throws IOException {
        FileStat stat = file.stat();
        Path path = spec.path();
        if (!stat.isRegularFile()) {
            throw new IOException("file back-end " + path + " is not a regular file (use the BLOCK back-end for"
                    + " devices)");
        }
        long current = stat.size();
        long wanted = spec.sizeBytes();
        if (wanted == 0) {
            if (current == 0) {
                throw new IOException("file back-end " + path + " is empty and no size is configured");
            }
            return current;
        }
        if (current > wanted) {
            throw new IOException("file back-end " + path + " is " + current + " bytes, larger than the configured "
                    + wanted + " bytes; refusing to shrink it because that would lose data (configure at least "
                    + current + " bytes)");
        }
        if (current < wanted) {
            if (spec.readOnly()) {
                throw new IOException("file back-end " + path + " is " + current + " bytes, smaller than the"
                        + " configured " + wanted + " bytes, and cannot be grown because it is read-only");
            }
            file.truncate(wanted);
            // The new length is metadata: make it durable now so a crash cannot shrink the LU under the initiator.
            file.fsync();
            LOG.info("file back-end {}: sized sparse to {} bytes (was {} bytes)", path, wanted, current);
        }
        return wanted;
    }

    @Override
    public long size() {
        return size;
    }

    /** 512, or with O_DIRECT on a file system over 4K-sector storage, 4096 (the unit O_DIRECT requires). */
    @Override
    public int physicalBlockSize() {
        return sectorSize;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Ranges.check("read", offset, dst.remaining(), size);
        if (directIo != null) {
            directIo.read(offset, dst);
        } else {
            channelIo.read(offset, dst);
        }
    }

    @Override
    public boolean readsMayBeCached() {
        return directIo == null;
    }

    /** Buffered and not write-through: pwrite into the page cache under the file's inode lock. */
    @Override
    public boolean cachedWritesSerialized() {
        return directIo == null && !writeThrough;
    }

    /** Buffered files only: preadv2(RWF_NOWAIT) into a direct buffer; heap buffers are not tried. */
    @Override
    public boolean readIfCached(long offset, ByteBuffer dst) throws IOException {
        Ranges.check("read", offset, dst.remaining(), size);
        return directIo == null && dst.isDirect() && nativeFile.readIfCached(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        Ranges.checkWritable(readOnly, this);
        Ranges.check("write", offset, src.remaining(), size);
        // With O_DSYNC every write is already durable; asking again would only add a second flush.
        boolean syncThisWrite = durable && !writeThrough;
        if (directIo != null) {
            directIo.write(offset, src, syncThisWrite);
        } else {
            channelIo.write(offset, src, syncThisWrite);
        }
    }

    /**
     * Buffered, not write-through, and covering whole pages and file system blocks, so the kernel copies into the
     * page cache without reading anything from the device first. Refused for a while after one took long
     * ({@link QuickWriteGuard}).
     */
    @Override
    public boolean writeIfQuick(long offset, ByteBuffer src) throws IOException {
        Ranges.checkWritable(readOnly, this);
        Ranges.check("write", offset, src.remaining(), size);
        long unit = Math.max(PAGE_BYTES, allocationUnit);
        if (!cachedWritesSerialized() || offset % unit != 0 || src.remaining() % unit != 0) {
            return false;
        }
        long start = quickWrites.now();
        if (!quickWrites.allows(start)) {
            return false;
        }
        channelIo.write(offset, src, false);
        long pause = quickWrites.finished(start);
        if (pause > 0) {
            LOG.info("file back-end {}: a write into the page cache waited {} ms in the kernel; writes go through "
                    + "the I/O threads for {} s", path, TimeUnit.NANOSECONDS.toMillis(quickWrites.now() - start),
                    TimeUnit.NANOSECONDS.toSeconds(pause));
        }
        return true;
    }

    /** Punches a hole (FALLOC_FL_PUNCH_HOLE|KEEP_SIZE): the range reads as zeros and frees its blocks. */
    @Override
    public void discard(long offset, long length) throws IOException {
        Ranges.checkWritable(readOnly, this);
        Ranges.check("discard", offset, length, size);
        nativeFile.punchHole(offset, length);
        if (writeThrough) {
            nativeFile.fdatasync();
        }
    }

    @Override
    public boolean discardReadsZeros() {
        return true;
    }

    /** posix_fadvise(WILLNEED) into the page cache; with O_DIRECT reads bypass that cache, so there is no point. */
    @Override
    public boolean prefetch(long offset, long length) throws IOException {
        Ranges.check("prefetch", offset, length, size);
        if (directIo != null) {
            return false;
        }
        nativeFile.fadvise(offset, length, NativeFile.Advice.WILLNEED);
        return true;
    }

    /** Holes are whole file system blocks: st_blksize (the file system block on XFS and ext4). */
    @Override
    public int discardGranularity() {
        return allocationUnit;
    }

    /** From lseek SEEK_DATA / SEEK_HOLE, whose answers are in file system blocks. */
    @Override
    public AllocationMap.Extent extentAt(long offset, long limit) throws IOException {
        Ranges.check("allocation query", offset, 1, size);
        long end = Math.min(size, offset + limit);
        long data = nativeFile.seekData(offset);
        if (data == offset) {
            long hole = nativeFile.seekHole(offset);
            long stop = hole < 0 ? end : Math.min(end, hole);
            return new AllocationMap.Extent(true, Math.max(stop - offset, 1));
        }
        long stop = data < 0 ? end : Math.min(end, data);
        return new AllocationMap.Extent(false, Math.max(stop - offset, 1));
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) {
            nativeFile.fdatasync();
        }
    }

    @Override
    public boolean volatileCache() {
        return !writeThrough;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("file ").append(path).append(" (");
        sb.append(directIo != null ? "O_DIRECT" : "buffered");
        if (writeThrough) {
            sb.append(", write-through");
        }
        if (readOnly) {
            sb.append(", read-only");
        }
        return sb.append(')').toString();
    }

    @Override
    public long allocatedBytes() throws IOException {
        return nativeFile.stat().allocatedBytes();
    }

    @Override
    public long fileSystemFreeBytes() throws IOException {
        return Files.getFileStore(path).getUsableSpace();
    }

    @Override
    public void close() throws IOException {
        try {
            if (channelIo != null) {
                channelIo.close();
            }
        } finally {
            nativeFile.close();
        }
    }
}
