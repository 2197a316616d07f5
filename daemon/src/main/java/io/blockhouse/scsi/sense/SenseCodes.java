package io.blockhouse.scsi.sense;

/** The sense conditions this target reports, as ready-made {@link Sense} values (SPC-4 annex D). */
public final class SenseCodes {
    public static final Sense NO_SENSE = Sense.of(SenseKey.NO_SENSE, 0x00, 0x00);
    public static final Sense POWER_ON_RESET = Sense.of(SenseKey.UNIT_ATTENTION, 0x29, 0x00);
    public static final Sense POWER_ON_OCCURRED = Sense.of(SenseKey.UNIT_ATTENTION, 0x29, 0x01);
    public static final Sense BUS_DEVICE_RESET_OCCURRED = Sense.of(SenseKey.UNIT_ATTENTION, 0x29, 0x03);
    public static final Sense MODE_PARAMETERS_CHANGED = Sense.of(SenseKey.UNIT_ATTENTION, 0x2A, 0x01);
    public static final Sense COMMANDS_CLEARED_BY_ANOTHER_INITIATOR = Sense.of(SenseKey.UNIT_ATTENTION, 0x2F, 0x00);
    /** LOGICAL UNIT NOT READY, SANITIZE IN PROGRESS (SBC-3 4.11): every command but a few while a sanitize runs. */
    public static final Sense SANITIZE_IN_PROGRESS = Sense.of(SenseKey.NOT_READY, 0x04, 0x1B);
    public static final Sense LOGICAL_UNIT_NOT_SUPPORTED = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x25, 0x00);
    public static final Sense INVALID_COMMAND_OPERATION_CODE = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x20, 0x00);
    public static final Sense LBA_OUT_OF_RANGE = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x21, 0x00);
    public static final Sense PARAMETER_LIST_LENGTH_ERROR = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x1A, 0x00);
    public static final Sense SAVING_PARAMETERS_NOT_SUPPORTED = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x39, 0x00);
    public static final Sense INVALID_FIELD_IN_COMMAND_IU = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x0E, 0x03);
    public static final Sense WRITE_PROTECTED = Sense.of(SenseKey.DATA_PROTECT, 0x27, 0x00);
    public static final Sense UNRECOVERED_READ_ERROR = Sense.of(SenseKey.MEDIUM_ERROR, 0x11, 0x00);
    public static final Sense WRITE_ERROR = Sense.of(SenseKey.MEDIUM_ERROR, 0x0C, 0x00);
    /** Raised by live reconfiguration: the LUN inventory of the nexus changed (SPC-4 REPORT LUNS). */
    public static final Sense REPORTED_LUNS_DATA_HAS_CHANGED = Sense.of(SenseKey.UNIT_ATTENTION, 0x3F, 0x0E);
    /** Raised by live reconfiguration: a LUN now shows a device with other INQUIRY data. */
    public static final Sense INQUIRY_DATA_HAS_CHANGED = Sense.of(SenseKey.UNIT_ATTENTION, 0x3F, 0x03);
    /** Raised after a live resize of the medium (SBC-3 READ CAPACITY data changed). */
    public static final Sense CAPACITY_DATA_HAS_CHANGED = Sense.of(SenseKey.UNIT_ATTENTION, 0x2A, 0x09);
    public static final Sense OVERLAPPED_COMMANDS = Sense.of(SenseKey.ABORTED_COMMAND, 0x4E, 0x00);

    private SenseCodes() {
    }
}
