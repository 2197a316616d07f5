package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.config.SystemConfigValidator;
import io.blockhouse.config.TimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Date, time zone and NTP. The clock is shown; the zone and the NTP servers live in the model and, on the
 * appliance, are applied: /etc/timezone is written and busybox {@code ntpd} runs as a child of the daemon following
 * the servers (restarted on every change, started again when the daemon starts).
 *
 * <pre>
 * GET /v1/host/time   {"now": UTC instant, "local": local time in the zone, "timezone", "ntpServers", "ntpRunning"}
 * PUT /v1/host/time   {"timezone": "Europe/Berlin", "ntpServers": ["pool.ntp.org"]}
 * </pre>
 */
final class TimeSettings {

    private static final Logger log = LoggerFactory.getLogger(TimeSettings.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SystemSettings settings;
    private final Supplier<Boolean> appliance;
    private final Path etc;
    private final boolean runNtpd;
    private Process ntpd;

    /** @param runNtpd whether to run ntpd on the appliance (tests write the files only) */
    TimeSettings(SystemSettings settings, Supplier<Boolean> appliance, Path etc, boolean runNtpd) {
        this.settings = settings;
        this.appliance = appliance;
        this.etc = etc;
        this.runNtpd = runNtpd;
    }

    Object route(String method, String[] p, Supplier<JsonNode> body, HostGuard guard) throws HostException {
        if (p.length != 4) {
            throw new HostException(404, "no_such_resource", "path: " + String.join("/", p) + " is not a time "
                    + "resource");
        }
        if (method.equals("GET")) {
            TimeConfig t = current();
            ZoneId zone = ZoneId.of(t.timezone() == null ? "UTC" : t.timezone());
            Instant now = Instant.now();
            ObjectNode n = JSON.createObjectNode().put("now", now.toString())
                    .put("local", now.atZone(zone).toLocalDateTime().withNano(0).toString().replace('T', ' '))
                    .put("timezone", zone.getId()).put("appliance", appliance.get())
                    .put("ntpRunning", ntpRunning());
            t.ntpServers().forEach(n.putArray("ntpServers")::add);
            return n;
        }
        if (method.equals("PUT")) {
            TimeConfig next;
            try {
                next = JSON.treeToValue(body.get(), TimeConfig.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw HostException.invalid("invalid_request", "time: " + e.getOriginalMessage());
            }
            List<String> problems = SystemConfigValidator.problems(settings.current().withTime(next));
            if (!problems.isEmpty()) {
                throw HostException.invalid("invalid_config", String.join("; ", problems));
            }
            if (!appliance.get()) {
                throw Appliance.refusal("change the time settings");
            }
            guard.requireRoot("change the time settings");
            long generation = settings.update("time settings", s -> s.withTime(next));
            apply(next);
            return JSON.createObjectNode().put("generation", generation).put("summary", "time settings");
        }
        throw new HostException(405, "method_not_allowed", "method: " + method + " is not allowed on /v1/host/time");
    }

    private TimeConfig current() {
        TimeConfig t = settings.current().time();
        return t == null ? new TimeConfig(null, null) : t;
    }

    /** Applies the model's time settings (at daemon start on the appliance, and after each change). */
    synchronized void apply(TimeConfig t) throws HostException {
        String zone = t.timezone() == null ? "UTC" : t.timezone();
        try {
            Files.createDirectories(etc);
            Path tmp = etc.resolve("timezone.tmp");
            Files.writeString(tmp, zone + "\n");
            Files.move(tmp, etc.resolve("timezone"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HostException(500, "cannot_write", etc.resolve("timezone") + ": " + e.getMessage());
        }
        if (!runNtpd) {
            return;
        }
        if (ntpd != null) {
            ntpd.destroy();
            ntpd = null;
        }
        if (t.ntpServers().isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("ntpd", "-n"));
        t.ntpServers().forEach(s -> {
            command.add("-p");
            command.add(s);
        });
        try {
            ntpd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            log.info("ntpd follows {}", t.ntpServers());
        } catch (IOException e) {
            throw new HostException(501, "tool_missing", "ntpd cannot be run here: " + e.getMessage());
        }
    }

    /** Starts ntpd from the model when the daemon starts on the appliance. */
    void restore() {
        if (appliance.get() && runNtpd) {
            try {
                apply(current());
            } catch (HostException e) {
                log.warn("time settings not restored: {}", e.getMessage());
            }
        }
    }

    private synchronized boolean ntpRunning() {
        return ntpd != null && ntpd.isAlive();
    }
}
