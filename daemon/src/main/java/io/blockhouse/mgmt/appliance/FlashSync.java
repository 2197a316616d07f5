package io.blockhouse.mgmt.appliance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.mgmt.MgmtException;
import io.blockhouse.mgmt.host.Commands;
import io.blockhouse.mgmt.host.HostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of the appliance's configuration copy on the boot flash, and "sync now". The appliance's own tool
 * ({@code blockhouse-sync}, shipped in the image) does the work: it writes checksummed generations to the config
 * partition and keeps its state in {@code /run/blockhouse/sync/state}; the daemon only asks it, so the console, the
 * CLI and the periodic agent never disagree about what is on the flash. Off the appliance the tool is absent, and
 * the state says so instead of pretending a sync happened.
 */
public final class FlashSync {

    /** Where the image installs the sync tool. */
    public static final Path APPLIANCE_TOOL = Path.of("/usr/sbin/blockhouse-sync");
    /** Where the appliance's scripts append alerts (one line each, time first). */
    public static final Path APPLIANCE_ALERTS = Path.of("/run/blockhouse/alerts");
    private static final int MAX_ALERTS = 50;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Path tool;
    private final Path alerts;

    public FlashSync(Path tool, Path alerts) {
        this.tool = tool;
        this.alerts = alerts;
    }

    /** The appliance's tool and alert file, or the ones named by system properties (tests). */
    public static FlashSync onThisHost() {
        return new FlashSync(Path.of(System.getProperty("blockhouse.sync.tool", APPLIANCE_TOOL.toString())),
                Path.of(System.getProperty("blockhouse.alerts", APPLIANCE_ALERTS.toString())));
    }

    public boolean available() {
        return Files.isExecutable(tool);
    }

    /**
     * What the flash holds: {@code available}, then (on the appliance) {@code result} (ok, failed, restored, none,
     * never), {@code generation}, {@code lastSuccess}, {@code lastAttempt}, {@code error}, {@code pending} (the
     * configuration changed since the last sync) and {@code device}.
     */
    public ObjectNode status() throws MgmtException {
        ObjectNode n = JSON.objectNode();
        n.put("available", available());
        if (!available()) {
            n.put("reason", notApplianceReason());
            return n;
        }
        Commands.Result r = run("status", 30);
        if (r.exitCode() != 0) {
            throw new MgmtException(MgmtException.Kind.FAILED, "sync_status_failed",
                    "sync: " + tool + " status exited " + r.exitCode() + ": " + r.output().strip());
        }
        for (String line : r.output().split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case "generation" -> {
                    if (value.matches("\\d+")) {
                        n.put("generation", Long.parseLong(value));
                    }
                }
                case "last_success" -> n.put("lastSuccess", value);
                case "last_attempt" -> n.put("lastAttempt", value);
                case "result" -> n.put("result", value);
                case "error" -> n.put("error", value);
                case "pending" -> n.put("pending", value.equals("yes"));
                case "device" -> n.put("device", value);
                default -> {
                    // fingerprints and future keys are the tool's business
                }
            }
        }
        return n;
    }

    /** Writes a new generation to the flash now (when anything changed) and returns the new state. */
    public ObjectNode syncNow() throws MgmtException {
        if (!available()) {
            throw new MgmtException(MgmtException.Kind.CONFLICT, "not_appliance", "sync: " + notApplianceReason());
        }
        Commands.Result r = run("now", 300);
        if (r.exitCode() != 0) {
            throw new MgmtException(MgmtException.Kind.FAILED, "sync_failed",
                    "sync: writing the configuration to the flash failed: " + r.output().strip());
        }
        ObjectNode n = status();
        n.put("message", r.output().strip());
        return n;
    }

    /** The newest alerts the appliance raised (failed syncs, daemon restarts), oldest first. */
    public List<String> alerts() {
        if (!Files.isReadable(alerts)) {
            return List.of();
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(alerts));
            lines.removeIf(String::isBlank);
            return lines.subList(Math.max(0, lines.size() - MAX_ALERTS), lines.size());
        } catch (IOException e) {
            return List.of("cannot read " + alerts + ": " + e.getMessage());
        }
    }

    private String notApplianceReason() {
        return "not on the appliance (" + tool + " is missing): the configuration is kept in the daemon's data "
                + "directory only";
    }

    private Commands.Result run(String verb, long timeoutSeconds) throws MgmtException {
        try {
            List<String> command = List.of(tool.toString(), verb);
            return verb.equals("status") ? Commands.execQuietly(timeoutSeconds, command)
                    : Commands.exec(timeoutSeconds, command);
        } catch (HostException e) {
            throw new MgmtException(MgmtException.Kind.FAILED, e.code(), "sync: " + e.getMessage());
        }
    }
}
