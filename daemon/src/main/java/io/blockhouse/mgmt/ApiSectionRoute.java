package io.blockhouse.mgmt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.config.ApiConfig;
import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.ConfigLoader;

/**
 * {@code /v1/config/api}: GET the "api" section ({@code {}} when absent), PUT a new one, DELETE it (back to the Unix
 * socket alone). A PUT body is checked as part of the whole configuration, so errors name {@code api.tcp.listen}
 * and so on exactly as in a configuration file.
 */
final class ApiSectionRoute {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiSectionRoute() {
    }

    /** @param depth number of path segments ("", "v1", "config", "api") */
    static ApiRoutes.Reply handle(ConfigService service, String method, int depth, String body)
            throws MgmtException {
        if (depth != 4) {
            throw new MgmtException(MgmtException.Kind.NOT_FOUND, "no_such_resource", "path: /v1/config/api has no "
                    + "sub-resources");
        }
        return switch (method) {
            case "GET" -> {
                ApiConfig api = service.current().config().api();
                yield new ApiRoutes.Reply(200, api == null ? "{}" : sectionJson(service.current().config()));
            }
            case "PUT" -> changed(service.changeApi(parse(service.current().config(), body)));
            case "DELETE" -> changed(service.changeApi(null));
            default -> throw MgmtException.invalid("method_not_allowed", "method: " + method + " is not allowed on "
                    + "/v1/config/api (GET, PUT, DELETE)");
        };
    }

    private static ApiConfig parse(BlockhouseConfig current, String body) throws MgmtException {
        try {
            ObjectNode whole = (ObjectNode) JSON.readTree(ConfigLoader.toJson(current));
            JsonNode section = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (section == null || !section.isObject()) {
                throw MgmtException.invalid("invalid_request", "api: the body must be a JSON object");
            }
            whole.set("api", section);
            return ConfigLoader.parse(whole.toString(), "request body").api();
        } catch (JsonProcessingException e) {
            throw MgmtException.invalid("invalid_request", "api: not JSON: " + e.getOriginalMessage());
        } catch (ConfigException e) {
            throw MgmtException.invalid("invalid_config", String.join("; ", e.problems()));
        }
    }

    private static String sectionJson(BlockhouseConfig config) {
        try {
            return JSON.readTree(ConfigLoader.toJson(config)).path("api").toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiRoutes.Reply changed(ConfigGeneration g) {
        ObjectNode n = JSON.createObjectNode();
        n.put("generation", g.number());
        n.put("summary", g.summary());
        return new ApiRoutes.Reply(200, n.toString());
    }
}
