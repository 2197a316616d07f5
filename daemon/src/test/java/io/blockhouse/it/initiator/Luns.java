package io.blockhouse.it.initiator;

/** SAM LUN encoding for the 8-byte LUN field: peripheral addressing below 256, flat space addressing above. */
public final class Luns {

    private Luns() {
    }

    public static byte[] encode(int lun) {
        if (lun < 0 || lun > 0x3fff) {
            throw new IllegalArgumentException("LUN out of single-level range: " + lun);
        }
        byte[] field = new byte[8];
        if (lun < 256) {
            field[1] = (byte) lun;
        } else {
            field[0] = (byte) (0x40 | (lun >>> 8));
            field[1] = (byte) lun;
        }
        return field;
    }
}
