package io.blockhouse.scsi.sense;

/**
 * A command ends in CHECK CONDITION with this sense. Thrown by command processors; the logical unit encodes the
 * sense in fixed or descriptor format (control mode page D_SENSE) and completes the task.
 */
public final class SenseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Sense sense;

    public SenseException(Sense sense) {
        super(sense.toString(), null, false, false);
        this.sense = sense;
    }

    public SenseException(Sense sense, Throwable cause) {
        super(sense + ": " + cause, cause, false, false);
        this.sense = sense;
    }

    public Sense sense() {
        return sense;
    }

    /** INVALID FIELD IN CDB (24/00) pointing at {@code byteIndex} (and {@code bitIndex}, or -1 for the byte). */
    public static SenseException invalidFieldInCdb(int byteIndex, int bitIndex) {
        return new SenseException(new Sense(SenseKey.ILLEGAL_REQUEST, 0x24, 0x00,
                FieldPointer.cdb(byteIndex, bitIndex), null));
    }

    /** INVALID FIELD IN PARAMETER LIST (26/00) pointing into the Data-Out parameter list. */
    public static SenseException invalidFieldInParameterList(int byteIndex, int bitIndex) {
        return new SenseException(new Sense(SenseKey.ILLEGAL_REQUEST, 0x26, 0x00,
                FieldPointer.parameter(byteIndex, bitIndex), null));
    }

    /** MISCOMPARE DURING VERIFY OPERATION (1D/00) with INFORMATION = offset of the first differing byte. */
    public static SenseException miscompare(long offset) {
        return new SenseException(new Sense(SenseKey.MISCOMPARE, 0x1D, 0x00, null, offset));
    }

    public static SenseException of(Sense sense) {
        return new SenseException(sense);
    }
}
