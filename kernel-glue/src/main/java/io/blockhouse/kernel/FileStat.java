package io.blockhouse.kernel;

/**
 * The fields of {@code struct stat} that Blockhouse uses.
 *
 * @param size           st_size in bytes
 * @param allocatedBytes st_blocks * 512: space actually allocated (small for a sparse file)
 * @param blockSize      st_blksize, the preferred I/O size
 * @param mode           st_mode (type and permission bits)
 */
public record FileStat(long size, long allocatedBytes, long blockSize, int mode) {

    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;

    /** True for a block special file. */
    public boolean isBlockDevice() {
        return (mode & S_IFMT) == S_IFBLK;
    }

    /** True for a regular file. */
    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }
}
