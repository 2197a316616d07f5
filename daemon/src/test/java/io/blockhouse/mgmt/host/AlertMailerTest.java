package io.blockhouse.mgmt.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.MailConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts appended by the appliance's scripts are mailed once each, through a relay of this test. */
class AlertMailerTest {

    @TempDir
    Path dir;

    @Test
    void newAlertLinesAreMailedOnceAndRetriedAfterAFailedSend() throws Exception {
        Path alerts = dir.resolve("alerts");
        NetworkApiTest.Settings settings = new NetworkApiTest.Settings();
        AlertMailer mailer = new AlertMailer(alerts, settings, new SmtpClient("test"));
        Files.writeString(alerts, "2026-11-24T04:00:00Z config partition LABEL=BH_CONFIG not found\n");
        assertEquals(0, mailer.pollOnce(), "no relay set: nothing sent, nothing forgotten");

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        settings.update("mail", s -> s.withMail(new MailConfig("127.0.0.1", closed, "array@example.com",
                List.of("ops@example.com"))));
        assertEquals(0, mailer.pollOnce(), "relay down: kept for the next poll");

        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            settings.update("mail", s -> s.withMail(new MailConfig("127.0.0.1", server.getLocalPort(),
                    "array@example.com", List.of("ops@example.com"))));
            Files.writeString(alerts, "2026-11-24T04:01:00Z target daemon exited; restart number 1\n"
                    + "half a line", StandardOpenOption.APPEND);
            CompletableFuture<List<String>> session = SystemApiTest.smtpServer(server);
            assertEquals(2, mailer.pollOnce());
            List<String> said = session.get(30, TimeUnit.SECONDS);
            assertTrue(said.contains("Subject: Blockhouse alert: 2026-11-24T04:00:00Z config partition LABEL=BH_CONFIG "
                    + "not found"), said.toString());
            assertTrue(said.contains("2026-11-24T04:01:00Z target daemon exited; restart number 1"), said.toString());
            assertTrue(said.stream().noneMatch(l -> l.contains("half a line")), said.toString());
            // Mailed lines are not sent again (a second send would find nobody listening and fail the count).
            assertEquals(0, mailer.pollOnce());
            // A new mailer (the daemon restarted) remembers what went out.
            assertEquals(0, new AlertMailer(alerts, settings, new SmtpClient("test")).pollOnce());
        }
    }
}
