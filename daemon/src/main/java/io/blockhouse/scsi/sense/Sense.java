package io.blockhouse.scsi.sense;

/**
 * One sense condition: sense key, additional sense code and qualifier, plus the optional sense-key-specific field
 * pointer and INFORMATION field. Encoded to bytes by {@link SenseEncoder} in whichever format the logical unit uses.
 *
 * @param key          sense key ({@link SenseKey})
 * @param asc          additional sense code
 * @param ascq         additional sense code qualifier
 * @param fieldPointer ILLEGAL REQUEST field pointer, or null
 * @param information  INFORMATION field (e.g. miscompare offset), or null when not valid
 */
public record Sense(int key, int asc, int ascq, FieldPointer fieldPointer, Long information) {

    public static Sense of(int key, int asc, int ascq) {
        return new Sense(key, asc, ascq, null, null);
    }

    /** ASC and ASCQ as one 16-bit number (0x2900 for POWER ON, RESET, OR BUS DEVICE RESET OCCURRED). */
    public int ascAndQualifier() {
        return (asc << 8) | ascq;
    }

    @Override
    public String toString() {
        return String.format("Sense[key=%X asc=%02X ascq=%02X%s%s]", key, asc, ascq,
                fieldPointer == null ? "" : " field=" + fieldPointer,
                information == null ? "" : " info=" + information);
    }
}
