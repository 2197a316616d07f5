package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;

/** Turns a framed BHS, AHS and data segment into the typed initiator PDU. */
public final class PduFactory {
    private static final int AHS_EXTENDED_CDB = 1;
    private static final int AHS_BIDI_READ_LENGTH = 2;

    private PduFactory() {
    }

    /**
     * Builds the typed PDU. Ownership of {@code data} passes to the returned PDU; on exception the caller still owns
     * it.
     */
    public static IscsiPdu create(byte[] bhs, byte[] ahs, ByteBuf data) throws MalformedPduException {
        int opcode = bhs[0] & 0x3f;
        return switch (opcode) {
            case Opcode.NOP_OUT -> new NopOutPdu(bhs, data);
            case Opcode.SCSI_COMMAND -> scsiCommand(bhs, ahs, data);
            case Opcode.TASK_MGMT_REQUEST -> new TaskManagementRequestPdu(bhs, data);
            case Opcode.LOGIN_REQUEST -> new LoginRequestPdu(bhs, data);
            case Opcode.TEXT_REQUEST -> new TextRequestPdu(bhs, data);
            case Opcode.DATA_OUT -> new DataOutPdu(bhs, data);
            case Opcode.LOGOUT_REQUEST -> new LogoutRequestPdu(bhs, data);
            case Opcode.SNACK_REQUEST -> new SnackRequestPdu(bhs, data);
            default -> new UnknownPdu(bhs, data);
        };
    }

    /** A PDU of the right type with no data segment, for defective frames whose payload was dropped. */
    public static IscsiPdu headerOnly(byte[] bhs, PduDefect defect) {
        IscsiPdu pdu;
        try {
            pdu = create(bhs, new byte[0], null);
        } catch (MalformedPduException impossibleWithoutAhs) {
            pdu = new UnknownPdu(bhs, null);
        }
        pdu.defect(defect);
        return pdu;
    }

    private static ScsiCommandPdu scsiCommand(byte[] bhs, byte[] ahs, ByteBuf data) throws MalformedPduException {
        byte[] cdb = new byte[16];
        System.arraycopy(bhs, 32, cdb, 0, 16);
        boolean bidi = false;
        int pos = 0;
        while (pos < ahs.length) {
            if (ahs.length - pos < 4) {
                throw new MalformedPduException("truncated AHS header at offset " + pos);
            }
            int ahsLength = Bhs.u16(ahs, pos);
            int type = ahs[pos + 2] & 0x3f;
            // AHSLength counts the bytes after the reserved byte, so the entry spans 3 + AHSLength (padded) bytes.
            int entryEnd = pos + 3 + ahsLength;
            if (ahsLength == 0 || entryEnd > ahs.length) {
                throw new MalformedPduException("AHS length " + ahsLength + " does not fit TotalAHSLength");
            }
            if (type == AHS_EXTENDED_CDB) {
                int extra = ahsLength - 1;
                byte[] longCdb = new byte[16 + extra];
                System.arraycopy(cdb, 0, longCdb, 0, 16);
                System.arraycopy(ahs, pos + 4, longCdb, 16, extra);
                cdb = longCdb;
            } else if (type == AHS_BIDI_READ_LENGTH) {
                bidi = true;
            }
            pos += (3 + ahsLength + 3) & ~3;
        }
        return new ScsiCommandPdu(bhs, cdb, bidi, data);
    }
}
