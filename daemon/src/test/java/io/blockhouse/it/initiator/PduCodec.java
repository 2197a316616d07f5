package io.blockhouse.it.initiator;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Wire encoding of PDUs (RFC 7143 section 11): BHS, AHS, optional header digest, data segment padded to a multiple
 * of four bytes, optional data digest. Digests are CRC32C over the header (BHS+AHS) and over the padded data, sent
 * least significant byte first (RFC 7143 section 13.1, checked against the RFC 3720 appendix B.4 vectors).
 */
public final class PduCodec {

    private PduCodec() {
    }

    /** CRC32C of {@code bytes[offset, offset+length)} as iSCSI defines it. */
    public static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** The 4 digest bytes as they appear on the wire. */
    public static byte[] digestBytes(int crc) {
        return new byte[] {(byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24)};
    }

    static int padding(int length) {
        return (4 - (length & 3)) & 3;
    }

    /** Encodes {@code pdu} for the wire, applying {@code corruption}. */
    public static byte[] encode(Pdu pdu, boolean headerDigest, boolean dataDigest, Corruption corruption) {
        if (corruption == Corruption.HEADER_DIGEST && !headerDigest) {
            throw new IllegalArgumentException("cannot corrupt a header digest that is not in use");
        }
        boolean hasData = pdu.data().length > 0;
        if ((corruption == Corruption.DATA_DIGEST || corruption == Corruption.DATA_PAYLOAD) && !hasData) {
            throw new IllegalArgumentException("cannot corrupt data of a PDU without data");
        }
        if (corruption == Corruption.DATA_DIGEST && !dataDigest) {
            throw new IllegalArgumentException("cannot corrupt a data digest that is not in use");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Pdu.BHS_LENGTH + pdu.data().length + 16);
        byte[] header = pdu.headerForWire();
        out.writeBytes(header);
        out.writeBytes(pdu.ahs());
        if (headerDigest) {
            byte[] covered = new byte[header.length + pdu.ahs().length];
            System.arraycopy(header, 0, covered, 0, header.length);
            System.arraycopy(pdu.ahs(), 0, covered, header.length, pdu.ahs().length);
            int crc = crc32c(covered, 0, covered.length);
            if (corruption == Corruption.HEADER_DIGEST) {
                crc ^= 0x00010000;
            }
            out.writeBytes(digestBytes(crc));
        }
        if (hasData) {
            byte[] padded = new byte[pdu.data().length + padding(pdu.data().length)];
            System.arraycopy(pdu.data(), 0, padded, 0, pdu.data().length);
            int crc = crc32c(padded, 0, padded.length);
            if (corruption == Corruption.DATA_PAYLOAD) {
                padded[pdu.data().length / 2] ^= 0x5a; // inside the real data, never in the padding
            }
            if (corruption == Corruption.DATA_DIGEST) {
                crc ^= 0x00000100;
            }
            out.writeBytes(padded);
            if (dataDigest) {
                out.writeBytes(digestBytes(crc));
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads one PDU, verifying digests when in use.
     *
     * @param maxDataLength the largest data segment this side declared it accepts; longer ones are a protocol
     *                      error detected before anything is buffered
     * @throws EOFException            when the peer closed the connection before or inside the PDU
     * @throws DigestMismatchException when a received digest does not match
     * @throws IscsiProtocolException  when the header announces an absurd data length
     */
    public static Pdu read(InputStream in, boolean headerDigest, boolean dataDigest, int maxDataLength)
            throws IOException {
        byte[] header = readFully(in, Pdu.BHS_LENGTH, true);
        Pdu pdu = Pdu.fromHeader(header);
        byte[] ahs = readFully(in, pdu.totalAhsLengthField() * 4, false);
        if (headerDigest) {
            byte[] covered = new byte[header.length + ahs.length];
            System.arraycopy(header, 0, covered, 0, header.length);
            System.arraycopy(ahs, 0, covered, header.length, ahs.length);
            int expected = crc32c(covered, 0, covered.length);
            int actual = littleEndianInt(readFully(in, 4, false));
            if (expected != actual) {
                throw new DigestMismatchException("header digest mismatch on received " + pdu);
            }
        }
        pdu.ahs(ahs);
        int length = pdu.dataSegmentLengthField();
        if (length > maxDataLength) {
            throw new IscsiProtocolException("peer announced a " + length + "-byte data segment, limit "
                    + maxDataLength + ": " + pdu);
        }
        if (length > 0) {
            byte[] padded = readFully(in, length + padding(length), false);
            if (dataDigest) {
                int expected = crc32c(padded, 0, padded.length);
                int actual = littleEndianInt(readFully(in, 4, false));
                if (expected != actual) {
                    throw new DigestMismatchException("data digest mismatch on received " + pdu);
                }
            }
            byte[] data = new byte[length];
            System.arraycopy(padded, 0, data, 0, length);
            pdu.data(data);
        }
        return pdu;
    }

    private static int littleEndianInt(byte[] b) {
        return (b[0] & 0xff) | ((b[1] & 0xff) << 8) | ((b[2] & 0xff) << 16) | ((b[3] & 0xff) << 24);
    }

    private static byte[] readFully(InputStream in, int length, boolean atPduStart) throws IOException {
        byte[] buffer = new byte[length];
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, done, length - done);
            if (n < 0) {
                throw new EOFException(done == 0 && atPduStart ? "connection closed by peer"
                        : "connection closed by peer inside a PDU");
            }
            done += n;
        }
        return buffer;
    }
}
