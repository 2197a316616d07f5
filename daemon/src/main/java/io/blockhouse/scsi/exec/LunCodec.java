package io.blockhouse.scsi.exec;

/**
 * SAM-5 single-level LUN encoding: peripheral device addressing for LUNs below 256, flat space addressing up to
 * 16383. The 8-byte LUN field travels as a long whose most significant byte is byte 0.
 */
public final class LunCodec {
    /** Largest LUN number this target maps. */
    public static final int MAX_LUN = 0x3FFF;

    private LunCodec() {
    }

    /** The LUN number the wire field addresses, or -1 when it is not a single-level LUN we can address. */
    public static int decode(long wire) {
        int b0 = (int) (wire >>> 56) & 0xFF;
        int b1 = (int) (wire >>> 48) & 0xFF;
        if ((wire & 0x0000FFFFFFFFFFFFL) != 0) {
            return -1;
        }
        return switch (b0 >>> 6) {
            case 0 -> (b0 & 0x3F) == 0 ? b1 : -1;
            case 1 -> ((b0 & 0x3F) << 8) | b1;
            default -> -1;
        };
    }

    /** The 8-byte LUN field for {@code lun} as REPORT LUNS lists it. */
    public static long encode(int lun) {
        if (lun < 0 || lun > MAX_LUN) {
            throw new IllegalArgumentException("LUN out of range: " + lun);
        }
        long b01 = lun < 256 ? lun : (0x4000 | lun);
        return b01 << 48;
    }
}
