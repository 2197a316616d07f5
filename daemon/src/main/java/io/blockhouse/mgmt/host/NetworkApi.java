package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.config.NetworkConfig;
import io.blockhouse.config.SystemConfig;
import io.blockhouse.config.SystemConfigValidator;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's networking through the API: the live interfaces, and the network settings of the configuration model,
 * which are applied to the host (on the appliance only) and then stored as a new generation.
 *
 * <pre>
 * GET /v1/host/network   {"appliance": bool, "interfaces": [live, from ip], "gateway": live default route,
 *                         "settings": {NetworkConfig}}
 * PUT /v1/host/network   {NetworkConfig}: the whole network section (the console reads, edits one part, writes)
 * POST /v1/host/network/restart   applies the stored settings again (links, addresses, DHCP, routes)
 * </pre>
 * A PUT is checked first everywhere (400 invalid_config naming the field), then refused off the appliance (409
 * not_appliance) or when not root (403 not_root), then applied with ip and stored.
 */
final class NetworkApi {

    private static final Logger log = LoggerFactory.getLogger(NetworkApi.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private final SystemSettings settings;
    private final Supplier<Boolean> appliance;
    private final NetworkApplier applier;

    NetworkApi(SystemSettings settings, Supplier<Boolean> appliance, NetworkApplier applier) {
        this.settings = settings;
        this.appliance = appliance;
        this.applier = applier;
    }

    Object route(String method, String[] p, Supplier<JsonNode> body, HostGuard guard) throws HostException {
        if (p.length == 5 && p[4].equals("restart") && method.equals("POST")) {
            if (!appliance.get()) {
                throw Appliance.refusal("restart networking");
            }
            guard.requireRoot("restart networking");
            NetworkConfig current = network(settings.current());
            applier.apply(current, current);
            return JSON.createObjectNode().put("restarted", true);
        }
        if (p.length != 4) {
            throw new HostException(404, "no_such_resource", "path: " + String.join("/", p)
                    + " is not a network resource");
        }
        switch (method) {
            case "GET" -> {
                ObjectNode n = JSON.createObjectNode();
                n.put("appliance", appliance.get());
                n.set("interfaces", applier.interfaces());
                n.put("gateway", applier.defaultGateway());
                n.set("settings", JSON.valueToTree(network(settings.current())));
                return n;
            }
            case "PUT" -> {
                NetworkConfig next = parse(body.get());
                return JSON.createObjectNode().put("generation", set(next, guard)).put("summary", "network settings");
            }
            default -> throw new HostException(405, "method_not_allowed", "method: " + method
                    + " is not allowed on /v1/host/network");
        }
    }

    static NetworkConfig network(SystemConfig s) {
        return s.network() == null ? new NetworkConfig(null, null, null, null) : s.network();
    }

    static NetworkConfig parse(JsonNode body) throws HostException {
        try {
            return JSON.treeToValue(body, NetworkConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw HostException.invalid("invalid_request", "network: " + e.getOriginalMessage());
        }
    }

    private long set(NetworkConfig next, HostGuard guard) throws HostException {
        SystemConfig current = settings.current();
        List<String> problems = SystemConfigValidator.problems(current.withNetwork(next));
        if (!problems.isEmpty()) {
            throw HostException.invalid("invalid_config", String.join("; ", problems));
        }
        if (!appliance.get()) {
            throw Appliance.refusal("change the network settings");
        }
        guard.requireRoot("change the network settings");
        NetworkConfig before = network(current);
        try {
            applier.apply(before, next);
        } catch (HostException e) {
            if (e.status() < 500) {
                throw e; // refused before anything was changed
            }
            // Part of the change may be in place (a VLAN made before the bond driver was found missing): go back.
            log.warn("network settings not applied ({}); restoring the previous ones", e.getMessage());
            try {
                applier.apply(next, before);
            } catch (HostException undo) {
                log.error("restoring the previous network settings failed too: {}", undo.getMessage());
            }
            throw e;
        }
        try {
            return settings.update("network settings", s -> s.withNetwork(next));
        } catch (HostException e) {
            log.error("network settings applied but not stored ({}); putting the previous ones back", e.getMessage());
            try {
                applier.apply(next, before);
            } catch (HostException undo) {
                log.error("restoring the previous network settings failed too: {}", undo.getMessage());
            }
            throw e;
        }
    }
}
