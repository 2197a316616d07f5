package io.blockhouse.scsi.sense;

/** Encodes {@link Sense} as SPC-4 fixed format (0x70, 18 bytes) or descriptor format (0x72) sense data. */
public final class SenseEncoder {
    /** Length of fixed-format sense data as we send it. */
    public static final int FIXED_LENGTH = 18;

    private SenseEncoder() {
    }

    public static byte[] encode(Sense sense, boolean descriptorFormat) {
        return descriptorFormat ? descriptor(sense) : fixed(sense);
    }

    /** Fixed format: INFORMATION is only VALID when it fits the 4-byte field. */
    public static byte[] fixed(Sense sense) {
        byte[] b = new byte[FIXED_LENGTH];
        Long info = sense.information();
        boolean infoValid = info != null && info >= 0 && info <= 0xFFFFFFFFL;
        b[0] = (byte) (0x70 | (infoValid ? 0x80 : 0));
        b[2] = (byte) (sense.key() & 0x0F);
        if (infoValid) {
            long v = info;
            b[3] = (byte) (v >>> 24);
            b[4] = (byte) (v >>> 16);
            b[5] = (byte) (v >>> 8);
            b[6] = (byte) v;
        }
        b[7] = (byte) (FIXED_LENGTH - 8);
        b[12] = (byte) sense.asc();
        b[13] = (byte) sense.ascq();
        if (sense.fieldPointer() != null) {
            System.arraycopy(sense.fieldPointer().encode(), 0, b, 15, 3);
        }
        return b;
    }

    /** Descriptor format with an information descriptor and a sense-key-specific descriptor when present. */
    public static byte[] descriptor(Sense sense) {
        int len = 8 + (sense.information() != null ? 12 : 0) + (sense.fieldPointer() != null ? 8 : 0);
        byte[] b = new byte[len];
        b[0] = 0x72;
        b[1] = (byte) (sense.key() & 0x0F);
        b[2] = (byte) sense.asc();
        b[3] = (byte) sense.ascq();
        b[7] = (byte) (len - 8);
        int p = 8;
        if (sense.information() != null) {
            b[p] = 0x00;
            b[p + 1] = 0x0A;
            b[p + 2] = (byte) 0x80;
            long v = sense.information();
            for (int i = 0; i < 8; i++) {
                b[p + 4 + i] = (byte) (v >>> (56 - 8 * i));
            }
            p += 12;
        }
        if (sense.fieldPointer() != null) {
            b[p] = 0x02;
            b[p + 1] = 0x06;
            System.arraycopy(sense.fieldPointer().encode(), 0, b, p + 4, 3);
        }
        return b;
    }
}
