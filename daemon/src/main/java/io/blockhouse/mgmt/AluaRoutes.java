package io.blockhouse.mgmt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.config.AluaConfig;
import io.blockhouse.config.PortGroupConfig;
import io.blockhouse.config.PortGroupMember;
import java.util.ArrayList;
import java.util.List;

/**
 * The ALUA resources of the management API:
 * <pre>
 * GET    /v1/alua                      {"explicit": b, "portGroups": [configured groups], "live": [PortGroupInfo]}
 * GET    /v1/alua/portgroups[/{id|name}] the configured groups, or one
 * PUT    /v1/alua/explicit             {"explicit": true|false}
 * POST   /v1/alua/portgroups           {PortGroupConfig}
 * PATCH  /v1/alua/portgroups/{id|name} {"state": "...", "preferred": b, "ports": [...]} (fields optional)
 * DELETE /v1/alua/portgroups/{id|name}
 * </pre>
 * A state change reaches every open nexus as ASYMMETRIC ACCESS STATE CHANGED.
 */
final class AluaRoutes {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private final ConfigService service;

    AluaRoutes(ConfigService service) {
        this.service = service;
    }

    /**
     * @param path the request path split at '/': "", "v1", "alua", ...
     */
    ApiRoutes.Reply handle(String method, String[] path, String body) throws MgmtException {
        if (path.length == 3 && method.equals("GET")) {
            AluaConfig alua = service.current().config().aluaOrDefault();
            ObjectNode n = JSON.createObjectNode();
            n.put("explicit", alua.explicitOrDefault());
            n.set("portGroups", JSON.valueToTree(alua.portGroups()));
            n.set("live", JSON.valueToTree(service.live().portGroups()));
            return new ApiRoutes.Reply(200, n.toString());
        }
        if (path.length == 4 && path[3].equals("explicit") && method.equals("PUT")) {
            JsonNode b = parse(body, JsonNode.class, "alua");
            if (!b.path("explicit").isBoolean()) {
                throw MgmtException.invalid("invalid_request", "alua.explicit: required, true or false");
            }
            boolean explicit = b.path("explicit").asBoolean();
            return changed(service.change("alua explicit " + (explicit ? "on" : "off"), false,
                    c -> PortGroupEdits.setExplicit(c, explicit)));
        }
        if (path.length >= 4 && path[3].equals("portgroups")) {
            return portGroups(method, path, body);
        }
        throw MgmtException.notFound("no_such_resource", "path: " + String.join("/", path)
                + " is not a resource of this API");
    }

    private ApiRoutes.Reply portGroups(String method, String[] path, String body) throws MgmtException {
        if (path.length == 4 && method.equals("GET")) {
            return json(service.current().config().aluaOrDefault().portGroups());
        }
        if (path.length == 5 && method.equals("GET")) {
            PortGroupConfig g = PortGroupEdits.find(service.current().config(), path[4]);
            if (g == null) {
                throw MgmtException.notFound("port_group_not_found", "portGroups: no port group with id or name \""
                        + path[4] + "\"");
            }
            return json(g);
        }
        if (path.length == 4 && method.equals("POST")) {
            PortGroupConfig g = parse(body, PortGroupConfig.class, "portGroup");
            return changed(service.change("portgroup add " + g.id() + " " + g.name(), false,
                    c -> PortGroupEdits.add(c, g)));
        }
        if (path.length == 5 && method.equals("PATCH")) {
            String which = path[4];
            JsonNode b = parse(body, JsonNode.class, "portGroup");
            String state = b.hasNonNull("state") ? b.get("state").asText() : null;
            Boolean preferred = b.hasNonNull("preferred") ? b.get("preferred").asBoolean() : null;
            List<PortGroupMember> ports = null;
            if (b.has("ports")) {
                ports = new ArrayList<>();
                for (JsonNode m : b.get("ports")) {
                    ports.add(parse(m.toString(), PortGroupMember.class, "portGroup.ports"));
                }
            }
            List<PortGroupMember> members = ports;
            String summary = "portgroup set " + which + (state == null ? "" : " state " + state)
                    + (preferred == null ? "" : " preferred " + preferred) + (ports == null ? "" : " ports");
            return changed(service.change(summary, false,
                    c -> PortGroupEdits.update(c, which, state, preferred, members)));
        }
        if (path.length == 5 && method.equals("DELETE")) {
            String which = path[4];
            return changed(service.change("portgroup rm " + which, false, c -> PortGroupEdits.remove(c, which)));
        }
        throw new MgmtException(MgmtException.Kind.INVALID, "method_not_allowed", "method: " + method
                + " is not allowed on " + String.join("/", path));
    }

    private static <T> T parse(String body, Class<T> type, String what) throws MgmtException {
        return RequestBodies.read(JSON, body, type, what);
    }

    private static ApiRoutes.Reply json(Object value) {
        try {
            return new ApiRoutes.Reply(200, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise answer", e);
        }
    }

    private static ApiRoutes.Reply changed(ConfigGeneration g) {
        ObjectNode n = JSON.createObjectNode();
        n.put("generation", g.number());
        n.put("summary", g.summary());
        return new ApiRoutes.Reply(200, n.toString());
    }
}
