package io.blockhouse.mgmt.host;

import io.blockhouse.config.MailConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails the appliance's alerts: the lines the boot and sync scripts append to /run/blockhouse/alerts (config
 * partition missing, sync failures, daemon restarts...) go to the configured recipients, a batch per mail. What has
 * been mailed is remembered next to the alerts file (for this boot), so a daemon restart does not send it twice; a
 * failed send is retried at the next poll; nothing is sent (or forgotten) while no relay is set.
 */
final class AlertMailer {

    private static final Logger log = LoggerFactory.getLogger(AlertMailer.class);
    /** Lines per mail at most; the rest follow in the next one. */
    static final int MAX_LINES = 50;

    private final Path alerts;
    private final Path mailedOffset;
    private final SystemSettings settings;
    private final SmtpClient smtp;

    AlertMailer(Path alerts, SystemSettings settings, SmtpClient smtp) {
        this.alerts = alerts;
        this.mailedOffset = alerts.resolveSibling(alerts.getFileName() + ".mailed");
        this.settings = settings;
        this.smtp = smtp;
    }

    /** Polls every {@code seconds} on a daemon thread of its own. */
    void start(long seconds) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "blockhouse-alert-mail");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                log.warn("alert mail poll failed", e);
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Mails the alert lines not mailed yet; returns how many went out. */
    synchronized int pollOnce() {
        MailConfig mail = settings.current().mail();
        if (mail == null || !Files.isRegularFile(alerts)) {
            return 0;
        }
        long offset = readOffset();
        String text;
        long end;
        try (RandomAccessFile f = new RandomAccessFile(alerts.toFile(), "r")) {
            if (f.length() < offset) {
                offset = 0; // the file was replaced: start again
            }
            byte[] b = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
            f.seek(offset);
            f.readFully(b);
            text = new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot read {}: {}", alerts, e.getMessage());
            return 0;
        }
        // Only whole lines, at most MAX_LINES of them.
        int cut = 0;
        int lines = 0;
        while (lines < MAX_LINES) {
            int nl = text.indexOf('\n', cut);
            if (nl < 0) {
                break;
            }
            cut = nl + 1;
            lines++;
        }
        if (lines == 0) {
            return 0;
        }
        String batch = text.substring(0, cut);
        end = offset + batch.getBytes(StandardCharsets.UTF_8).length;
        String first = batch.substring(0, batch.indexOf('\n'));
        try {
            smtp.send(mail, "Blockhouse alert: " + (first.length() > 100 ? first.substring(0, 100) : first),
                    "Alerts of the Blockhouse appliance " + SystemApi.hostName() + ":\n\n" + batch);
        } catch (HostException e) {
            log.warn("alert mail not sent ({}); retrying at the next poll", e.getMessage());
            return 0;
        }
        writeOffset(end);
        return lines;
    }

    private long readOffset() {
        try {
            return Long.parseLong(Files.readString(mailedOffset).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private void writeOffset(long offset) {
        try {
            Path tmp = mailedOffset.resolveSibling(mailedOffset.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(offset));
            Files.move(tmp, mailedOffset, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot remember the mailed alerts in {}: {}", mailedOffset, e.getMessage());
        }
    }
}
