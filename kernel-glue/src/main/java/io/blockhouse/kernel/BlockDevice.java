package io.blockhouse.kernel;

import java.io.IOException;

/** Block-device ioctls on an open {@link NativeFile}. */
public final class BlockDevice {

    // Linux encodes an ioctl number as _IOC(dir, type, nr, size) = dir << 30 | size << 16 | type << 8 | nr
    // (asm-generic/ioctl.h, used by x86_64), with dir NONE = 0, WRITE = 1, READ = 2. The block ioctls use type
    // 0x12 and the numbers from linux/fs.h. Some are declared _IO although they read or write an argument; the
    // kernel matches the exact number, so it must be rebuilt exactly as the header writes it.
    private static final int IOC_NONE = 0;
    private static final int IOC_READ = 2;
    private static final int BLOCK_TYPE = 0x12;

    /** _IO(0x12, 104): logical sector size, int. */
    static final long BLKSSZGET = ioc(IOC_NONE, BLOCK_TYPE, 104, 0);
    /** _IOR(0x12, 114, size_t): device size in bytes, u64. */
    static final long BLKGETSIZE64 = ioc(IOC_READ, BLOCK_TYPE, 114, Long.BYTES);
    /** _IO(0x12, 119): discard the range given as uint64_t[2] {start, length}. */
    static final long BLKDISCARD = ioc(IOC_NONE, BLOCK_TYPE, 119, 0);
    /** _IO(0x12, 123): physical sector size, unsigned int. */
    static final long BLKPBSZGET = ioc(IOC_NONE, BLOCK_TYPE, 123, 0);

    private BlockDevice() {
    }

    static long ioc(int dir, int type, int nr, int size) {
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    /** BLKGETSIZE64: the device capacity in bytes. */
    public static long sizeBytes(NativeFile device) throws IOException {
        return device.ioctlGetLong(BLKGETSIZE64, "BLKGETSIZE64");
    }

    /** BLKSSZGET: the logical sector size, the smallest unit the device addresses (512 or 4096). */
    public static int logicalSectorSize(NativeFile device) throws IOException {
        return device.ioctlGetInt(BLKSSZGET, "BLKSSZGET");
    }

    /** BLKPBSZGET: the physical sector size, the device's internal write unit. */
    public static int physicalSectorSize(NativeFile device) throws IOException {
        return device.ioctlGetInt(BLKPBSZGET, "BLKPBSZGET");
    }

    /**
     * BLKDISCARD: tells the device that {@code [offset, offset+length)} is unused; later reads may return zeros or
     * old data depending on the device. Offset and length must be multiples of the logical sector size.
     */
    public static void discard(NativeFile device, long offset, long length) throws IOException {
        device.ioctlSetLongs(BLKDISCARD, "BLKDISCARD " + length + " bytes at offset " + offset,
                new long[] {offset, length});
    }
}
