package io.blockhouse.scsi.alua;

import io.blockhouse.scsi.sense.SenseException;

/**
 * The commands a target port may process in each asymmetric access state (SPC-4 5.16.2.4.4 to 5.16.2.4.6). The
 * active states process everything; the others answer NOT READY with the state's additional sense code for all
 * but the few commands an initiator needs to find out about the state and to change it.
 */
public final class AccessGate {

    private static final int REQUEST_SENSE = 0x03;
    private static final int INQUIRY = 0x12;
    private static final int MODE_SELECT_6 = 0x15;
    private static final int MODE_SENSE_6 = 0x1A;
    private static final int RECEIVE_DIAGNOSTIC_RESULTS = 0x1C;
    private static final int SEND_DIAGNOSTIC = 0x1D;
    private static final int WRITE_BUFFER = 0x3B;
    private static final int READ_BUFFER = 0x3C;
    private static final int LOG_SELECT = 0x4C;
    private static final int LOG_SENSE = 0x4D;
    private static final int MODE_SELECT_10 = 0x55;
    private static final int MODE_SENSE_10 = 0x5A;
    private static final int PERSISTENT_RESERVE_IN = 0x5E;
    private static final int PERSISTENT_RESERVE_OUT = 0x5F;
    private static final int REPORT_LUNS = 0xA0;
    private static final int MAINTENANCE_IN = 0xA3;
    private static final int MAINTENANCE_OUT = 0xA4;
    private static final int TARGET_PORT_GROUPS_ACTION = 0x0A;
    private static final int ECHO_BUFFER_MODE = 0x0A;

    private AccessGate() {
    }

    /** Throws the NOT READY condition when a target port in {@code state} must not process {@code cdb}. */
    public static void check(AccessState state, byte[] cdb) throws SenseException {
        switch (state) {
            case ACTIVE_OPTIMIZED, ACTIVE_NON_OPTIMIZED -> {
            }
            case STANDBY -> {
                if (!allowedInStandby(cdb)) {
                    throw SenseException.of(AluaSense.TARGET_PORT_IN_STANDBY_STATE);
                }
            }
            case UNAVAILABLE -> {
                if (!allowedInUnavailable(cdb)) {
                    throw SenseException.of(AluaSense.TARGET_PORT_IN_UNAVAILABLE_STATE);
                }
            }
            case TRANSITIONING -> {
                if (!allowedWhileTransitioning(cdb)) {
                    throw SenseException.of(AluaSense.STATE_TRANSITION);
                }
            }
            default -> throw new IllegalStateException("unhandled access state " + state);
        }
    }

    static boolean allowedWhileTransitioning(byte[] cdb) {
        int op = cdb[0] & 0xFF;
        return op == INQUIRY || op == REPORT_LUNS || op == REQUEST_SENSE || isReportTargetPortGroups(cdb)
                || isEchoBuffer(cdb);
    }

    static boolean allowedInUnavailable(byte[] cdb) {
        return allowedWhileTransitioning(cdb) || isSetTargetPortGroups(cdb);
    }

    static boolean allowedInStandby(byte[] cdb) {
        int op = cdb[0] & 0xFF;
        return allowedInUnavailable(cdb) || switch (op) {
            case LOG_SELECT, LOG_SENSE, MODE_SELECT_6, MODE_SELECT_10, MODE_SENSE_6, MODE_SENSE_10,
                 RECEIVE_DIAGNOSTIC_RESULTS, SEND_DIAGNOSTIC, PERSISTENT_RESERVE_IN, PERSISTENT_RESERVE_OUT -> true;
            default -> false;
        };
    }

    private static boolean isReportTargetPortGroups(byte[] cdb) {
        return (cdb[0] & 0xFF) == MAINTENANCE_IN && cdb.length > 1 && (cdb[1] & 0x1F) == TARGET_PORT_GROUPS_ACTION;
    }

    private static boolean isSetTargetPortGroups(byte[] cdb) {
        return (cdb[0] & 0xFF) == MAINTENANCE_OUT && cdb.length > 1 && (cdb[1] & 0x1F) == TARGET_PORT_GROUPS_ACTION;
    }

    private static boolean isEchoBuffer(byte[] cdb) {
        int op = cdb[0] & 0xFF;
        return (op == READ_BUFFER || op == WRITE_BUFFER) && cdb.length > 1 && (cdb[1] & 0x1F) == ECHO_BUFFER_MODE;
    }
}
