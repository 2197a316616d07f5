package io.blockhouse.mgmt.host;

import io.blockhouse.config.MailConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Sends one plain-text message through an SMTP relay (RFC 5321: EHLO, falling back to HELO; MAIL FROM, RCPT TO per
 * recipient, DATA with dot-stuffing, QUIT). No authentication or TLS: the relay is expected on the management
 * network. Every unexpected reply ends the attempt with the relay's own words.
 */
final class SmtpClient {

    private static final int TIMEOUT_MS = 15_000;

    private final String heloName;

    SmtpClient(String heloName) {
        this.heloName = heloName;
    }

    void send(MailConfig relay, String subject, String body) throws HostException {
        String where = relay.relayHost() + ":" + relay.relayPortOrDefault();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(relay.relayHost(), relay.relayPortOrDefault()), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            expect(in, 220, "greeting");
            command(out, "EHLO " + heloName);
            if (reply(in) / 100 != 2) {
                command(out, "HELO " + heloName);
                expect(in, 250, "HELO");
            }
            command(out, "MAIL FROM:<" + relay.from() + ">");
            expect(in, 250, "MAIL FROM");
            for (String to : relay.to()) {
                command(out, "RCPT TO:<" + to + ">");
                expect(in, 250, "RCPT TO " + to);
            }
            command(out, "DATA");
            expect(in, 354, "DATA");
            StringBuilder m = new StringBuilder();
            m.append("From: ").append(relay.from()).append("\r\n");
            m.append("To: ").append(String.join(", ", relay.to())).append("\r\n");
            m.append("Subject: ").append(subject.replaceAll("[\r\n]", " ")).append("\r\n");
            m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
            m.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
            for (String line : body.split("\r?\n", -1)) {
                m.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
            }
            m.append(".\r\n");
            out.write(m.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            expect(in, 250, "message");
            command(out, "QUIT");
        } catch (IOException e) {
            throw new HostException(502, "mail_failed", "mail relay " + where + ": " + e.getMessage());
        }
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one (possibly multi-line) reply and returns its code. */
    private static int reply(BufferedReader in) throws IOException {
        return Integer.parseInt(readReply(in).substring(0, 3));
    }

    private static String readReply(BufferedReader in) throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the relay closed the connection" + (all.length() > 0 ? " after: " + all : ""));
            }
            if (line.length() < 3 || !line.substring(0, 3).matches("\\d{3}")) {
                throw new IOException("not an SMTP reply: " + line);
            }
            all.append(line).append(' ');
            if (line.length() == 3 || line.charAt(3) != '-') {
                return all.toString().trim();
            }
        }
    }

    private static void expect(BufferedReader in, int code, String step) throws IOException {
        String r = readReply(in);
        if (Integer.parseInt(r.substring(0, 3)) != code) {
            throw new IOException(step + " refused: " + r);
        }
    }
}
