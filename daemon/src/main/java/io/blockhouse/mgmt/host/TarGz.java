package io.blockhouse.mgmt.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a gzip-compressed POSIX ustar archive of regular files given as bytes: all a support bundle needs. Entries
 * are owned by root, mode 0644, dated {@code mtime}. Closing ends the archive (two zero blocks) and the gzip stream.
 */
final class TarGz implements AutoCloseable {

    private static final int BLOCK = 512;

    private final GZIPOutputStream out;
    private final long mtime;

    /** @param target the stream the archive goes to; closed with this */
    TarGz(OutputStream target, long mtimeSeconds) throws IOException {
        this.out = new GZIPOutputStream(target);
        this.mtime = mtimeSeconds;
    }

    /** Adds one file; {@code name} is a relative path of at most 100 bytes. */
    void add(String name, byte[] content) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length > 100 || n.length == 0) {
            throw new IllegalArgumentException("tar entry name must be 1..100 bytes: " + name);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, content.length);
        octal(h, 136, 12, mtime);
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 265, "root");
        put(h, 297, "root");
        // The checksum is computed with its own field counted as eight spaces.
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        out.write(h);
        out.write(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[pad]);
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    /** {@code value} as zero-padded octal in {@code width - 1} digits and a NUL. */
    private static void octal(byte[] h, int at, int width, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > width - 1) {
            throw new IllegalArgumentException("value too large for a tar header field: " + value);
        }
        put(h, at, "0".repeat(width - 1 - s.length()) + s);
        h[at + width - 1] = 0;
    }

    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.close();
    }
}
