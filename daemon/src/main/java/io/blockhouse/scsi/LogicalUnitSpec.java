package io.blockhouse.scsi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Identity and behaviour of one logical unit, as the daemon configuration describes it.
 *
 * @param name              administrative name (logs)
 * @param logicalBlockSize  512 or 4096
 * @param readOnly          every write fails with DATA PROTECT / WRITE PROTECTED
 * @param rotational        false reports a non-rotating medium (VPD B1h rotation rate 1)
 * @param writeCacheEnabled initial and default WCE (only if the back-end has a volatile cache); when false every
 *                          write is durable before it completes
 * @param serial            unit serial number (VPD 80h), printable ASCII
 * @param naaId             16-byte NAA type 6 (IEEE registered extended) designator for VPD 83h
 * @param vendor            T10 vendor identification, at most 8 characters
 * @param product           product identification, at most 16 characters
 * @param revision          product revision level, at most 4 characters
 * @param physicalBlockSize reported physical block: a power-of-two multiple of the logical block size
 */
public record LogicalUnitSpec(String name, int logicalBlockSize, boolean readOnly, boolean rotational,
                              boolean writeCacheEnabled, String serial, byte[] naaId, String vendor, String product,
                              String revision, int physicalBlockSize) {

    /** Default T10 vendor identification. */
    public static final String VENDOR = "BLKHOUSE";

    /**
     * OUI used for derived NAA identifiers: a locally administered value (bit 1 of the first octet set), chosen so
     * it cannot collide with an IEEE assignment.
     */
    public static final int LOCAL_OUI = 0x0A4248;

    public LogicalUnitSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(naaId, "naaId");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(revision, "revision");
        if (logicalBlockSize != 512 && logicalBlockSize != 4096) {
            throw new IllegalArgumentException("logical block size must be 512 or 4096: " + logicalBlockSize);
        }
        if (naaId.length != 16 || ((naaId[0] & 0xF0) != 0x60)) {
            throw new IllegalArgumentException("naaId must be a 16-byte NAA type 6 designator");
        }
        if (vendor.length() > 8 || product.length() > 16 || revision.length() > 4) {
            throw new IllegalArgumentException("vendor/product/revision longer than 8/16/4 characters");
        }
        if (serial.isEmpty() || serial.length() > 251 || !serial.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("serial must be 1..251 printable ASCII characters: " + serial);
        }
        if (Integer.bitCount(physicalBlockSize) != 1 || physicalBlockSize < logicalBlockSize
                || Integer.numberOfTrailingZeros(physicalBlockSize / logicalBlockSize) > 15) {
            throw new IllegalArgumentException("physical block size must be a power-of-two multiple of the logical "
                    + "one (at most 2^15 of them): " + physicalBlockSize);
        }
        naaId = naaId.clone();
    }

    /** A unit whose physical block is its logical block. */
    public LogicalUnitSpec(String name, int logicalBlockSize, boolean readOnly, boolean rotational,
                           boolean writeCacheEnabled, String serial, byte[] naaId, String vendor, String product,
                           String revision) {
        this(name, logicalBlockSize, readOnly, rotational, writeCacheEnabled, serial, naaId, vendor, product,
                revision, logicalBlockSize);
    }

    /** LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT (READ CAPACITY (16)): log2 of physical over logical. */
    public int logicalBlocksPerPhysicalBlockExponent() {
        return Integer.numberOfTrailingZeros(physicalBlockSize / logicalBlockSize);
    }

    @Override
    public byte[] naaId() {
        return naaId.clone();
    }

    /** A spec with the default vendor, product "BLOCKHOUSE DISK", revision "0001" and an NAA derived from serial. */
    public static LogicalUnitSpec of(String name, int logicalBlockSize, boolean readOnly, boolean rotational,
                                     boolean writeCacheEnabled, String serial) {
        return new LogicalUnitSpec(name, logicalBlockSize, readOnly, rotational, writeCacheEnabled, serial,
                deriveNaa(serial), VENDOR, "BLOCKHOUSE DISK", "0001");
    }

    /**
     * A stable NAA type 6 designator for {@code seed}: NAA 6h, {@link #LOCAL_OUI}, then 100 bits of the seed's
     * SHA-256 as vendor specific identifier and extension.
     */
    public static byte[] deriveNaa(String seed) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
        byte[] naa = new byte[16];
        naa[0] = (byte) (0x60 | (LOCAL_OUI >>> 20));
        naa[1] = (byte) (LOCAL_OUI >>> 12);
        naa[2] = (byte) (LOCAL_OUI >>> 4);
        naa[3] = (byte) (((LOCAL_OUI & 0x0F) << 4) | (h[0] & 0x0F));
        System.arraycopy(h, 1, naa, 4, 12);
        return naa;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogicalUnitSpec s && name.equals(s.name) && logicalBlockSize == s.logicalBlockSize
                && readOnly == s.readOnly && rotational == s.rotational && writeCacheEnabled == s.writeCacheEnabled
                && serial.equals(s.serial) && java.util.Arrays.equals(naaId, s.naaId) && vendor.equals(s.vendor)
                && product.equals(s.product) && revision.equals(s.revision)
                && physicalBlockSize == s.physicalBlockSize;
    }

    @Override
    public String toString() {
        StringBuilder naa = new StringBuilder();
        for (byte b : naaId) {
            naa.append(String.format("%02x", b & 0xFF));
        }
        return "LogicalUnitSpec[" + name + ", " + logicalBlockSize + " B"
                + (physicalBlockSize != logicalBlockSize ? " (" + physicalBlockSize + " B physical)" : "")
                + (readOnly ? ", ro" : "")
                + (rotational ? ", rotational" : "") + (writeCacheEnabled ? ", wce" : "") + ", serial=" + serial
                + ", naa=" + naa + ", " + vendor + "/" + product + "/" + revision + "]";
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, serial, java.util.Arrays.hashCode(naaId));
    }
}
