package io.blockhouse.scsi;

/** Task management functions (SAM-5), numbered as in the iSCSI Task Management Function Request. */
public enum TmfFunction {
    ABORT_TASK(1), ABORT_TASK_SET(2), CLEAR_ACA(3), CLEAR_TASK_SET(4), LOGICAL_UNIT_RESET(5),
    TARGET_WARM_RESET(6), TARGET_COLD_RESET(7), TASK_REASSIGN(8);

    private final int code;

    TmfFunction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The function for an iSCSI function code, or null when the code is not defined. */
    public static TmfFunction fromCode(int code) {
        for (TmfFunction f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
