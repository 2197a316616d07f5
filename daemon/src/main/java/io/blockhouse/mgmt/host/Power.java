package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reboot and shutdown of the appliance. The configuration is synced to the flash first ({@code blockhouse-sync
 * now}); if that fails the request is refused unless it says {@code "force": true}, because a reboot would lose the
 * changes since the last sync. The answer goes out before the machine goes down (the action starts 2 s later).
 *
 * <pre>
 * POST /v1/host/power   {"action": "reboot" | "poweroff", "force": false}
 * </pre>
 */
final class Power {

    private static final Logger log = LoggerFactory.getLogger(Power.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, List<String>> ACTIONS = Map.of("reboot", List.of("reboot"), "poweroff",
            List.of("poweroff"));

    private final Supplier<Boolean> appliance;
    private final List<String> syncCommand;

    Power(Supplier<Boolean> appliance, List<String> syncCommand) {
        this.appliance = appliance;
        this.syncCommand = List.copyOf(syncCommand);
    }

    static Power forHost(Supplier<Boolean> appliance) {
        return new Power(appliance, List.of("blockhouse-sync", "now"));
    }

    Object route(String method, String[] p, Supplier<JsonNode> body, HostGuard guard) throws HostException {
        if (!method.equals("POST") || p.length != 4) {
            throw new HostException(404, "no_such_resource", "path: " + String.join("/", p) + " (" + method
                    + ") is not a power resource (POST /v1/host/power)");
        }
        JsonNode b = body.get();
        String action = b.path("action").asText(null);
        List<String> command = ACTIONS.get(action);
        if (command == null) {
            throw HostException.invalid("invalid_action", "action: \"" + action + "\" is not reboot or poweroff");
        }
        if (!appliance.get()) {
            throw Appliance.refusal(action + " the machine");
        }
        guard.requireRoot(action + " the machine");
        Commands.Result sync = Commands.exec(120, syncCommand);
        boolean synced = sync.exitCode() == 0;
        if (!synced && !b.path("force").asBoolean(false)) {
            throw HostException.conflict("sync_failed", "config sync to the flash failed (" + sync.output().strip()
                    + "); changes since the last sync would be lost: ask again with force to " + action
                    + " anyway");
        }
        log.warn("{} requested through the API (config synced: {})", action, synced);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(2000);
                Commands.run(60, command);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (HostException e) {
                log.error("{} failed: {}", action, e.getMessage());
            }
        }, "blockhouse-power");
        t.setDaemon(true);
        t.start();
        return JSON.createObjectNode().put("action", action).put("synced", synced);
    }
}
