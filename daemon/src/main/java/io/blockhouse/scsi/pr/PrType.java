package io.blockhouse.scsi.pr;

/** The six persistent reservation types of SPC-4 6.15.3.4 (table "Persistent reservation type codes"). */
public enum PrType {
    WRITE_EXCLUSIVE(0x1),
    EXCLUSIVE_ACCESS(0x3),
    WRITE_EXCLUSIVE_REGISTRANTS_ONLY(0x5),
    EXCLUSIVE_ACCESS_REGISTRANTS_ONLY(0x6),
    WRITE_EXCLUSIVE_ALL_REGISTRANTS(0x7),
    EXCLUSIVE_ACCESS_ALL_REGISTRANTS(0x8);

    private final int code;

    PrType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a TYPE field value, or null when the code names no type. */
    public static PrType fromCode(int code) {
        for (PrType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** Every registered I_T nexus is a reservation holder (the reservation key reported is zero). */
    public boolean allRegistrants() {
        return this == WRITE_EXCLUSIVE_ALL_REGISTRANTS || this == EXCLUSIVE_ACCESS_ALL_REGISTRANTS;
    }

    /** Registered I_T nexuses have the holder's access, but there is one holder. */
    public boolean registrantsOnly() {
        return this == WRITE_EXCLUSIVE_REGISTRANTS_ONLY || this == EXCLUSIVE_ACCESS_REGISTRANTS_ONLY;
    }

    /** Registered I_T nexuses get full access (registrants-only and all-registrants types). */
    public boolean registrantsHaveAccess() {
        return allRegistrants() || registrantsOnly();
    }

    /** Reads by I_T nexuses without access conflict too (the exclusive access family). */
    public boolean exclusiveAccess() {
        return this == EXCLUSIVE_ACCESS || this == EXCLUSIVE_ACCESS_REGISTRANTS_ONLY
                || this == EXCLUSIVE_ACCESS_ALL_REGISTRANTS;
    }
}
