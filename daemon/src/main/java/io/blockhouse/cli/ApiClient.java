package io.blockhouse.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client for the daemon's management socket: one request per connection (the server closes it
 * after answering), body framed by Content-Length. Enough for a command-line tool, and no dependency on Netty's
 * event loops for a process that lives a fraction of a second.
 */
final class ApiClient {

    /** The daemon could not be reached (no socket, nobody listening, connection dropped). */
    static final class UnreachableException extends Exception {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An HTTP answer. */
    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Path socket;

    ApiClient(Path socket) {
        this.socket = socket;
    }

    Path socket() {
        return socket;
    }

    Response get(String path) throws UnreachableException {
        return send("GET", path, null);
    }

    Response send(String method, String path, String body) throws UnreachableException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\n"
                + "Host: blockhouse\r\n"
                + "Connection: close\r\n"
                + "Accept: application/json\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + payload.length + "\r\n\r\n";
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            writeAll(ch, ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            writeAll(ch, ByteBuffer.wrap(payload));
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (ch.read(buf) >= 0) {
                buf.flip();
                received.write(buf.array(), 0, buf.limit());
                buf.clear();
            }
        } catch (IOException e) {
            throw new UnreachableException("cannot reach the daemon at " + socket + ": " + e.getMessage()
                    + " (is blockhouse-daemon running? use --data-dir or --socket)", e);
        }
        return parse(received.toByteArray());
    }

    private static void writeAll(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Splits status line, headers and body; the body is cut to Content-Length when the server sends one. */
    static Response parse(byte[] raw) throws UnreachableException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new UnreachableException("the daemon's answer is not HTTP (" + raw.length + " bytes)", null);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (RuntimeException e) {
            throw new UnreachableException("bad status line from the daemon: " + lines[0], e);
        }
        int length = raw.length - end - 4;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Math.min(length, Integer.parseInt(lines[i].substring(colon + 1).trim()));
            }
        }
        return new Response(code, new String(raw, end + 4, length, StandardCharsets.UTF_8));
    }
}
