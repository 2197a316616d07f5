package io.blockhouse.iscsi.session;

/** Fixed-format sense data (SPC-4 section 4.5.3) for the few conditions the transport itself reports. */
final class SenseData {
    static final int ILLEGAL_REQUEST = 0x05;
    static final int ABORTED_COMMAND = 0x0b;

    private SenseData() {
    }

    static byte[] fixed(int senseKey, int asc, int ascq) {
        byte[] s = new byte[18];
        s[0] = 0x70;
        s[2] = (byte) (senseKey & 0x0f);
        s[7] = 10;
        s[12] = (byte) asc;
        s[13] = (byte) ascq;
        return s;
    }

    /** ABORTED COMMAND, PROTOCOL SERVICE CRC ERROR (47h/05h): RFC 7143 section 7.8 for a bad Data-Out digest. */
    static byte[] protocolServiceCrcError() {
        return fixed(ABORTED_COMMAND, 0x47, 0x05);
    }

    /** ILLEGAL REQUEST, INVALID FIELD IN CDB: for bidirectional commands, which we do not support. */
    static byte[] invalidFieldInCdb() {
        return fixed(ILLEGAL_REQUEST, 0x24, 0x00);
    }
}
