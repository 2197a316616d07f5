package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.sense.SenseException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * iSCSI TransportIDs (SPC-4 7.6.4.6): PROTOCOL IDENTIFIER 5h, FORMAT CODE 00b (the iSCSI name of an initiator
 * device) or 01b (an initiator port: name, the separator ",i,0x" and the ISID in hex), a NUL-terminated UTF-8 string
 * padded to a multiple of four bytes.
 */
public final class TransportId {
    static final int PROTOCOL_ISCSI = 0x5;
    static final int FORMAT_DEVICE = 0x0;
    static final int FORMAT_PORT = 0x1;
    private static final String SEPARATOR = ",i,0x";

    private TransportId() {
    }

    /**
     * A parsed TransportID: the initiator port name ("name,i,0x" + 12 lower-case hex digits) for format 01b, or the
     * bare iSCSI name for format 00b; {@code length} is its size in the parameter list.
     */
    public record Parsed(String initiator, boolean port, int length) {
    }

    /**
     * Parses the TransportID at {@code offset} of a parameter list of {@code limit} bytes. Errors point at the
     * offending byte of the parameter list (INVALID FIELD IN PARAMETER LIST).
     */
    public static Parsed parse(byte[] list, int offset, int limit) throws SenseException {
        if (offset + 4 > limit) {
            throw SenseException.invalidFieldInParameterList(offset, -1);
        }
        int format = (list[offset] & 0xC0) >>> 6;
        int protocol = list[offset] & 0x0F;
        if (protocol != PROTOCOL_ISCSI) {
            throw SenseException.invalidFieldInParameterList(offset, 3);
        }
        if (format != FORMAT_DEVICE && format != FORMAT_PORT) {
            throw SenseException.invalidFieldInParameterList(offset, 7);
        }
        int additional = Bytes.u16(list, offset + 2);
        int length = 4 + additional;
        if (additional < 4 || additional % 4 != 0 || offset + length > limit) {
            throw SenseException.invalidFieldInParameterList(offset + 2, -1);
        }
        int end = offset + 4;
        while (end < offset + length && list[end] != 0) {
            end++;
        }
        if (end == offset + length || end == offset + 4) {
            throw SenseException.invalidFieldInParameterList(offset + 4, -1); // no NUL terminator, or empty
        }
        String text = new String(list, offset + 4, end - offset - 4, StandardCharsets.UTF_8);
        if (format == FORMAT_DEVICE) {
            if (text.contains(",")) {
                throw SenseException.invalidFieldInParameterList(offset + 4, -1);
            }
            return new Parsed(text, false, length);
        }
        int sep = text.toLowerCase(Locale.ROOT).indexOf(SEPARATOR);
        String isid = sep < 0 ? "" : text.substring(sep + SEPARATOR.length());
        if (sep <= 0 || !isid.matches("[0-9a-fA-F]{12}")) {
            throw SenseException.invalidFieldInParameterList(offset + 4, -1);
        }
        return new Parsed(text.substring(0, sep) + SEPARATOR + isid.toLowerCase(Locale.ROOT), true, length);
    }

    /** Encodes an initiator port name (format 01b) or a bare iSCSI name (format 00b). */
    public static byte[] encode(String initiator) {
        boolean port = initiator.contains(",i,");
        byte[] text = initiator.getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 1 + 3) / 4 * 4; // NUL terminator, then padding to a multiple of 4
        padded = Math.max(padded, 20); // SPC-4: ADDITIONAL LENGTH is at least 20
        byte[] b = new byte[4 + padded];
        b[0] = (byte) (((port ? FORMAT_PORT : FORMAT_DEVICE) << 6) | PROTOCOL_ISCSI);
        Bytes.put16(b, 2, padded);
        System.arraycopy(text, 0, b, 4, text.length);
        return b;
    }
}
