package io.blockhouse.iscsi.pdu;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C digests as iSCSI uses them (RFC 7143 section 13.1, RFC 3720 appendix B.4): the Castagnoli CRC, carried on the
 * wire least significant byte first, which is why callers use {@code readIntLE}/{@code writeIntLE}.
 */
public final class Crc32c {
    private Crc32c() {
    }

    public static int of(byte[] first, byte[] second) {
        CRC32C crc = new CRC32C();
        crc.update(first, 0, first.length);
        if (second != null) {
            crc.update(second, 0, second.length);
        }
        return (int) crc.getValue();
    }

    /** Digest of {@code length} bytes of {@code buf} from {@code index} followed by {@code zeroPad} zero bytes. */
    public static int of(ByteBuf buf, int index, int length, int zeroPad) {
        CRC32C crc = new CRC32C();
        if (length > 0) {
            for (ByteBuffer nio : buf.nioBuffers(index, length)) {
                crc.update(nio);
            }
        }
        if (zeroPad > 0) {
            crc.update(new byte[zeroPad], 0, zeroPad);
        }
        return (int) crc.getValue();
    }

    /** Digest over a region of the buffer including whatever pad bytes it contains. */
    public static int of(ByteBuf buf, int index, int length) {
        return of(buf, index, length, 0);
    }

    public static int padding(int length) {
        return (4 - (length & 3)) & 3;
    }
}
