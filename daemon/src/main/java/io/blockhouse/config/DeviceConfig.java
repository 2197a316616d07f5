package io.blockhouse.config;

/**
 * A SCSI device (logical unit) and its back-end.
 *
 * @param backend  "file", "block", "null" or "ram"
 * @param path     file or block device; relative paths resolve against the data directory
 * @param size     size for file (created sparse), null and ram back-ends; a block device's own size is used
 * @param serial   unit serial number (VPD 80); derived from the daemon's identity and the name when absent
 * @param naaId    32 hex digits (NAA 6 registered extended, VPD 83); derived like the serial when absent
 * @param physicalBlockSize the physical block size reported to initiators (READ CAPACITY (16) LOGICAL BLOCKS PER
 *                 PHYSICAL BLOCK EXPONENT), e.g. 4096 over 512-byte logical blocks like a 512e disk, so that they
 *                 align their I/O to it; the logical block size when absent
 */
public record DeviceConfig(String name, String backend, String path, ByteSize size, Integer blockSize,
                           Boolean readOnly, Boolean writeThrough, Boolean directIo, Boolean rotational,
                           String serial, String naaId, Integer physicalBlockSize) {

    /** A device without a physical block size of its own (the logical block size is reported). */
    public DeviceConfig(String name, String backend, String path, ByteSize size, Integer blockSize,
                        Boolean readOnly, Boolean writeThrough, Boolean directIo, Boolean rotational,
                        String serial, String naaId) {
        this(name, backend, path, size, blockSize, readOnly, writeThrough, directIo, rotational, serial, naaId, null);
    }

    /** The same device with another size (a resize). */
    public DeviceConfig withSize(ByteSize newSize) {
        return new DeviceConfig(name, backend, path, newSize, blockSize, readOnly, writeThrough, directIo, rotational,
                serial, naaId, physicalBlockSize);
    }

    public int physicalBlockSizeOrDefault() {
        return physicalBlockSize == null ? blockSizeOrDefault() : physicalBlockSize;
    }

    public int blockSizeOrDefault() {
        return blockSize == null ? 512 : blockSize;
    }

    public boolean readOnlyOrDefault() {
        return readOnly != null && readOnly;
    }

    public boolean writeThroughOrDefault() {
        return writeThrough != null && writeThrough;
    }

    public boolean directIoOrDefault() {
        return directIo != null && directIo;
    }

    public boolean rotationalOrDefault() {
        return rotational != null && rotational;
    }
}
