package io.blockhouse.mgmt.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP/1.1 framing for the API: one request with a Content-Length body; the answer cut to its Content-Length. */
final class HttpMessages {

    private HttpMessages() {
    }

    /**
     * @param authorization the Authorization header value, or null to send none
     * @param body          JSON (or scst.conf) text, or null for a request without body
     */
    static byte[] request(String method, String path, String host, String authorization, String body) {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Connection: close\r\n")
                .append("Accept: application/json\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + payload.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Splits status line, headers and body; the body is cut to Content-Length when the server sends one. */
    static ApiClient.Response parse(byte[] raw) throws ApiClient.UnreachableException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new ApiClient.UnreachableException("the daemon's answer is not HTTP (" + raw.length + " bytes)",
                    null);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (RuntimeException e) {
            throw new ApiClient.UnreachableException("bad status line from the daemon: " + lines[0], e);
        }
        int length = raw.length - end - 4;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    length = Math.min(length, Integer.parseInt(lines[i].substring(colon + 1).trim()));
                } catch (NumberFormatException e) {
                    throw new ApiClient.UnreachableException("bad Content-Length from the daemon: " + lines[i], e);
                }
            }
        }
        return new ApiClient.Response(code, new String(raw, end + 4, Math.max(0, length), StandardCharsets.UTF_8));
    }
}
