package io.blockhouse.iscsi.pdu;

/** Task Management Function Response (0x22, RFC 7143 section 11.6). */
public final class TaskManagementResponsePdu extends TargetPdu {
    public TaskManagementResponsePdu(int itt, int response) {
        super(newHeader(Opcode.TASK_MGMT_RESPONSE, true), null);
        Bhs.put8(header, 2, response);
        Bhs.put32(header, Bhs.OFF_ITT, itt);
    }

    public int response() {
        return Bhs.u8(header, 2);
    }
}
