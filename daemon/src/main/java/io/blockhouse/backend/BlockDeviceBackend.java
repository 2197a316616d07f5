package io.blockhouse.backend;

import io.blockhouse.kernel.BlockDevice;
import io.blockhouse.kernel.Errno;
import io.blockhouse.kernel.NativeFile;
import io.blockhouse.kernel.NativeIOException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole block device (disk, partition, LV, md, loop), opened with O_DIRECT so the target does not keep a second
 * cache on top of the initiator's. Devices that refuse O_DIRECT fall back to buffered I/O with a warning.
 *
 * <p>Capacity comes from BLKGETSIZE64 and the sector size from BLKSSZGET. Durability rules are those of
 * {@link FileBackend}: write-through opens with O_DSYNC, durable writes use RWF_DSYNC (or fdatasync), flush is
 * fdatasync, which also flushes the device's write cache.
 */
public final class BlockDeviceBackend implements BlockBackend, Discardable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockDeviceBackend.class);

    private final Path path;
    private final long size;
    private final int sectorSize;
    private final boolean readOnly;
    private final boolean writeThrough;
    private final NativeFileIo io;

    private BlockDeviceBackend(Path path, long size, int sectorSize, boolean readOnly, boolean writeThrough,
                               NativeFileIo io) {
        this.path = path;
        this.size = size;
        this.sectorSize = sectorSize;
        this.readOnly = readOnly;
        this.writeThrough = writeThrough;
        this.io = io;
    }

    /** Opens the device of {@code spec}; a non-zero spec size must not exceed the device and limits the LU to it. */
    static BlockDeviceBackend open(BackendSpec spec) throws IOException {
        Path path = spec.path();
        NativeFile.Access access = spec.readOnly() ? NativeFile.Access.READ_ONLY : NativeFile.Access.READ_WRITE;
        Set<NativeFile.Flag> flags = EnumSet.of(NativeFile.Flag.DIRECT);
        if (spec.writeThrough()) {
            flags.add(NativeFile.Flag.DSYNC);
        }
        NativeFile device;
        try {
            device = NativeFile.open(path, access, flags);
        } catch (NativeIOException e) {
            if (e.errno() != Errno.EINVAL) {
                throw e;
            }
            LOG.warn("{} refuses O_DIRECT ({}); falling back to buffered I/O through the page cache", path,
                    e.getMessage());
            flags.remove(NativeFile.Flag.DIRECT);
            device = NativeFile.open(path, access, flags);
        }
        try {
            if (!device.stat().isBlockDevice()) {
                throw new IOException("block back-end " + path + " is not a block device (use the FILE back-end"
                        + " for regular files)");
            }
            long deviceSize = BlockDevice.sizeBytes(device);
            int sectorSize = BlockDevice.logicalSectorSize(device);
            long size = deviceSize;
            if (spec.sizeBytes() > deviceSize) {
                throw new IOException("block back-end " + path + " has " + deviceSize + " bytes, less than the"
                        + " configured " + spec.sizeBytes() + " bytes");
            }
            if (spec.sizeBytes() > 0) {
                size = spec.sizeBytes();
            }
            if (size % sectorSize != 0) {
                throw new IOException("block back-end " + path + ": size " + size + " is not a multiple of its "
                        + sectorSize + "-byte sectors");
            }
            return new BlockDeviceBackend(path, size, sectorSize, spec.readOnly(), spec.writeThrough(),
                    new NativeFileIo(device, sectorSize));
        } catch (IOException | RuntimeException e) {
            try {
                device.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int physicalBlockSize() {
        return sectorSize;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Ranges.check("read", offset, dst.remaining(), size);
        io.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        Ranges.checkWritable(readOnly, this);
        Ranges.check("write", offset, src.remaining(), size);
        io.write(offset, src, durable && !writeThrough);
    }

    /** BLKDISCARD; what the range reads as afterwards is up to the device. */
    @Override
    public void discard(long offset, long length) throws IOException {
        Ranges.checkWritable(readOnly, this);
        Ranges.check("discard", offset, length, size);
        BlockDevice.discard(io.file(), offset, length);
    }

    @Override
    public boolean discardReadsZeros() {
        return false;
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) {
            io.file().fdatasync();
        }
    }

    @Override
    public boolean volatileCache() {
        return !writeThrough;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("block device ").append(path).append(" (");
        sb.append(io.file().isDirect() ? "O_DIRECT" : "buffered").append(", ").append(sectorSize)
                .append("-byte sectors");
        if (writeThrough) {
            sb.append(", write-through");
        }
        if (readOnly) {
            sb.append(", read-only");
        }
        return sb.append(')').toString();
    }

    @Override
    public void close() throws IOException {
        io.file().close();
    }
}
