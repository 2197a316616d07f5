package io.blockhouse.scsi.pr;

import java.util.Set;

/**
 * How a command meets a reservation. Persistent reservations: SPC-4 table "SPC commands that are allowed in the
 * presence of various reservations" and SBC-3's table for block commands; an I_T nexus without access is refused
 * writes under every type and reads too under the exclusive access types. Legacy RESERVE: SPC-2 5.5.1 (only
 * INQUIRY, LOG SENSE, REPORT LUNS, REQUEST SENSE, RELEASE and the MAINTENANCE IN reports pass another initiator's
 * reservation). Commands not listed are treated as writes: refusing an unknown command is safe, allowing it is not.
 */
enum CommandAccess {
    /** Allowed whatever the reservation (identification, status, capacity, the reservation commands themselves). */
    ALWAYS,
    /** Reads the medium or parameters: allowed under write exclusive types, conflicts under exclusive access. */
    READ,
    /** Changes the medium or the unit's state: conflicts under every type for I_T nexuses without access. */
    WRITE,
    /** PERSISTENT RESERVE IN / OUT: their own rules under persistent reservations; conflict under RESERVE. */
    PERSISTENT,
    /** RESERVE / RELEASE (6) and (10). */
    LEGACY;

    static final int PERSISTENT_RESERVE_IN = 0x5E;
    static final int PERSISTENT_RESERVE_OUT = 0x5F;
    static final int RESERVE_6 = 0x16;
    static final int RELEASE_6 = 0x17;
    static final int RESERVE_10 = 0x56;
    static final int RELEASE_10 = 0x57;

    private static final int SERVICE_ACTION_IN_16 = 0x9E;
    private static final int READ_CAPACITY_16 = 0x10;

    private static final Set<Integer> ALWAYS_OPCODES = Set.of(
            0x00, // TEST UNIT READY
            0x03, // REQUEST SENSE
            0x12, // INQUIRY
            0x25, // READ CAPACITY (10)
            0x4D, // LOG SENSE
            0xA0, // REPORT LUNS
            0xA3); // MAINTENANCE IN: REPORT SUPPORTED OPERATION CODES / TASK MANAGEMENT FUNCTIONS, ...

    private static final Set<Integer> READ_OPCODES = Set.of(
            0x08, 0x28, 0xA8, 0x88, // READ (6) (10) (12) (16)
            0x2F, 0xAF, 0x8F, // VERIFY (10) (12) (16)
            0x1A, 0x5A, // MODE SENSE (6) (10)
            0x34, 0x90, // PRE-FETCH (10) (16)
            0x3C, // READ BUFFER
            0x84); // RECEIVE COPY RESULTS

    private static final Set<Integer> PASS_LEGACY_RESERVATION = Set.of(
            0x03, 0x12, 0x4D, 0xA0, 0xA3, RELEASE_6, RELEASE_10);

    static CommandAccess of(byte[] cdb) {
        int opcode = cdb[0] & 0xFF;
        if (opcode == PERSISTENT_RESERVE_IN || opcode == PERSISTENT_RESERVE_OUT) {
            return PERSISTENT;
        }
        if (opcode == RESERVE_6 || opcode == RELEASE_6 || opcode == RESERVE_10 || opcode == RELEASE_10) {
            return LEGACY;
        }
        if (ALWAYS_OPCODES.contains(opcode)
                || (opcode == SERVICE_ACTION_IN_16 && (cdb[1] & 0x1F) == READ_CAPACITY_16)) {
            return ALWAYS;
        }
        if (READ_OPCODES.contains(opcode) || opcode == SERVICE_ACTION_IN_16) {
            return READ; // GET LBA STATUS and the other SERVICE ACTION IN (16) reports read
        }
        return WRITE;
    }

    /** True when {@code cdb} may run while another I_T nexus holds a RESERVE (6)/(10) reservation. */
    static boolean passesLegacyReservation(byte[] cdb) {
        return PASS_LEGACY_RESERVATION.contains(cdb[0] & 0xFF);
    }
}
