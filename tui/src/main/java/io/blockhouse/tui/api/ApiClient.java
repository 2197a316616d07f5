package io.blockhouse.tui.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * HTTP/1.1 with JSON bodies over the daemon's management socket, one request per connection (the daemon closes the
 * connection after each answer). Thread-safe: nothing is shared between requests.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;

    public ApiClient(Path socket) {
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public JsonNode get(String path) throws ApiException, DaemonUnreachableException {
        return call("GET", path, null);
    }

    public JsonNode post(String path, Object body) throws ApiException, DaemonUnreachableException {
        return call("POST", path, body);
    }

    public JsonNode put(String path, Object body) throws ApiException, DaemonUnreachableException {
        return call("PUT", path, body);
    }

    public JsonNode delete(String path) throws ApiException, DaemonUnreachableException {
        return call("DELETE", path, null);
    }

    /**
     * Sends one request and parses the JSON answer.
     *
     * @throws ApiException               the daemon refused (4xx/5xx), with its code and message
     * @throws DaemonUnreachableException nobody answers on the socket, or the answer is not HTTP
     */
    public JsonNode call(String method, String path, Object body) throws ApiException, DaemonUnreachableException {
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
        Response r = send(method, path, text);
        JsonNode node;
        try {
            node = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new DaemonUnreachableException("the daemon's answer to " + method + " " + path
                    + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (r.status() < 200 || r.status() >= 300) {
            throw new ApiException(r.status(), node.path("code").asText("http_" + r.status()),
                    node.path("message").asText(r.body()));
        }
        return node;
    }

    private record Response(int status, String body) {
    }

    private Response send(String method, String path, String body) throws DaemonUnreachableException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: blockhouse\r\nConnection: close\r\n"
                + "Accept: application/json\r\n" + (body == null ? "" : "Content-Type: application/json\r\n")
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
            throw new DaemonUnreachableException("cannot reach the daemon at " + socket + ": " + e.getMessage(), e);
        }
        return parse(received.toByteArray());
    }

    private static void writeAll(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static Response parse(byte[] raw) throws DaemonUnreachableException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new DaemonUnreachableException("the daemon's answer is not HTTP (" + raw.length + " bytes)", null);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (RuntimeException e) {
            throw new DaemonUnreachableException("bad status line from the daemon: " + lines[0], e);
        }
        int length = raw.length - end - 4;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    length = Math.min(length, Integer.parseInt(lines[i].substring(colon + 1).trim()));
                } catch (NumberFormatException e) {
                    throw new DaemonUnreachableException("bad Content-Length from the daemon: " + lines[i], e);
                }
            }
        }
        return new Response(code, new String(raw, end + 4, Math.max(0, length), StandardCharsets.UTF_8));
    }
}
