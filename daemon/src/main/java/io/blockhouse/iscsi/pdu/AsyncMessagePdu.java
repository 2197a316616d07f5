package io.blockhouse.iscsi.pdu;

/** Asynchronous Message (0x32, RFC 7143 section 11.9). */
public final class AsyncMessagePdu extends TargetPdu {
    /** AsyncEvent 1: the target requests a logout within Parameter3 seconds. */
    public static final int EVENT_LOGOUT_REQUEST = 1;

    public AsyncMessagePdu(int asyncEvent, int parameter1, int parameter2, int parameter3) {
        super(newHeader(Opcode.ASYNC_MESSAGE, true), null);
        Bhs.put32(header, Bhs.OFF_ITT, Bhs.NO_TAG);
        Bhs.put8(header, 36, asyncEvent);
        Bhs.put16(header, 38, parameter1);
        Bhs.put16(header, 40, parameter2);
        Bhs.put16(header, 42, parameter3);
    }

    public int asyncEvent() {
        return Bhs.u8(header, 36);
    }
}
