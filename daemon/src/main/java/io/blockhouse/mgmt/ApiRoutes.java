package io.blockhouse.mgmt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ByteSize;
import io.blockhouse.config.ChapConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.config.GroupConfig;
import io.blockhouse.config.LunConfig;
import io.blockhouse.config.TargetConfig;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources of the management API (version 1), one method per route. Every answer is JSON; a refusal is
 * {@code {"code": "...", "message": "..."}} with a 4xx/5xx status, the message naming the offending field.
 *
 * <pre>
 * GET    /v1/devices                         POST /v1/devices {DeviceConfig}
 * DELETE /v1/devices/{name}[?force=true]     POST /v1/devices/{name}/resize {"size": "2G"}
 * GET    /v1/targets                         POST /v1/targets {TargetConfig}     DELETE /v1/targets/{iqn}
 * POST   /v1/targets/{iqn}/enable|disable    PUT  /v1/targets/{iqn}/portals ["host:port", ...]
 * GET    /v1/targets/{iqn}/luns[?group=G]    POST /v1/targets/{iqn}/luns[?group=G] {LunConfig}
 * DELETE /v1/targets/{iqn}/luns/{lun}[?group=G]
 * GET    /v1/targets/{iqn}/groups            POST /v1/targets/{iqn}/groups {GroupConfig}
 * DELETE /v1/targets/{iqn}/groups/{g}        POST /v1/targets/{iqn}/groups/{g}/initiators {"name": iqn}
 * DELETE /v1/targets/{iqn}/groups/{g}/initiators/{iqn}
 * PUT|DELETE /v1/targets/{iqn}/chap[?group=G] {ChapConfig}
 * GET    /v1/sessions[?target=iqn]
 * GET    /v1/config                          PUT  /v1/config {BlockhouseConfig} (import)
 * POST   /v1/config/import?format=scst&amp;source=NAME (scst.conf text)
 * GET    /v1/config/history                  GET  /v1/config/generations/{n}
 * GET|PUT|DELETE /v1/config/api {ApiConfig}  (socket group, TCP listener; applied live)
 * GET    /v1/config/diff?from=N&amp;to=M         POST /v1/config/rollback {"generation": N}
 * ...    /v1/alua/...                        target port groups: see {@link AluaRoutes}
 * ...    /v1/host/...                        host actions: see {@link io.blockhouse.mgmt.host.HostApi}
 * GET    /v1/sync                            POST /v1/sync (copy the configuration to the appliance's flash now)
 * GET    /v1/alerts                          alerts the appliance raised (failed syncs, daemon restarts)
 * GET    /metrics                            Prometheus text format 0.0.4 (not JSON)
 * </pre>
 * Changes answer {@code {"generation": N, "summary": "..."}}; {@code ?force=true} lets a change remove devices that
 * live sessions use.
 */
final class ApiRoutes {

    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    /** An answer: HTTP status, body text and its content type (JSON unless said otherwise). */
    record Reply(int status, String body, String contentType) {
        static final String JSON_TYPE = "application/json; charset=utf-8";

        Reply(int status, String body) {
            this(status, body, JSON_TYPE);
        }

        static Reply error(int status, String code, String message) {
            ObjectNode n = JSON.createObjectNode();
            n.put("code", code);
            n.put("message", message);
            return new Reply(status, n.toString());
        }
    }

    private final ConfigService service;
    private final io.blockhouse.mgmt.host.HostApi host;
    private final io.blockhouse.mgmt.appliance.FlashSync flash = io.blockhouse.mgmt.appliance.FlashSync.onThisHost();

    ApiRoutes(ConfigService service) {
        this.service = service;
        this.host = io.blockhouse.mgmt.host.HostApi.of(service);
    }

    Reply handle(String method, String uri, String body) {
        QueryStringDecoder q = new QueryStringDecoder(uri);
        String[] p = q.path().replaceAll("/+$", "").split("/");
        if (q.path().equals(io.blockhouse.metrics.MetricsHttpServer.PATH)) {
            return metrics(method);
        }
        try {
            if (p.length < 3 || !p[0].isEmpty() || !p[1].equals("v1")) {
                throw notFound(q.path());
            }
            Request r = new Request(method, p, q.parameters(), body);
            return switch (p[2]) {
                case "devices" -> devices(r);
                case "targets" -> targets(r);
                case "sessions" -> sessions(r);
                case "config" -> config(r);
                case "alua" -> new AluaRoutes(service).handle(method, p, body);
                case "host" -> hostReply(host.handle(method, p, q.parameters(), body));
                case "sync" -> sync(r);
                case "alerts" -> r.is("GET", 3) ? ok(flash.alerts()) : badMethodOrPath(r);
                default -> throw notFound(q.path());
            };
        } catch (MgmtException e) {
            return Reply.error(e.kind().httpStatus(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("management request {} {} failed", method, uri, e);
            return Reply.error(500, "internal_error", "daemon: " + e);
        }
    }

    private static Reply hostReply(io.blockhouse.mgmt.host.HostApi.Answer a) {
        return new Reply(a.status(), a.body());
    }

    /** One parsed request: method, path segments ("", "v1", resource, ...), query parameters, body. */
    private record Request(String method, String[] path, Map<String, List<String>> query, String body) {
        String seg(int i) {
            return i < path.length ? path[i] : null;
        }

        int depth() {
            return path.length;
        }

        String param(String name) {
            List<String> v = query.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        boolean force() {
            String f = param("force");
            return f != null && (f.isEmpty() || f.equals("true") || f.equals("1"));
        }

        boolean is(String m, int depth) {
            return method.equals(m) && path.length == depth;
        }
    }

    private static MgmtException notFound(String path) {
        return MgmtException.notFound("no_such_resource", "path: " + path + " is not a resource of this API");
    }

    private Reply sync(Request r) throws MgmtException {
        if (r.is("GET", 3)) {
            return ok(flash.status());
        }
        if (r.is("POST", 3)) {
            return ok(flash.syncNow());
        }
        return badMethodOrPath(r);
    }

    private static Reply badMethodOrPath(Request r) throws MgmtException {
        throw r.depth() == 3 ? badMethod(r) : notFound(String.join("/", r.path()));
    }

    private static MgmtException badMethod(Request r) {
        return new MgmtException(MgmtException.Kind.INVALID, "method_not_allowed", "method: " + r.method()
                + " is not allowed on " + String.join("/", r.path()));
    }

    private static <T> T body(Request r, Class<T> type, String what) throws MgmtException {
        return RequestBodies.read(JSON, r.body(), type, what);
    }

    private static Reply ok(Object value) {
        try {
            return new Reply(200, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise answer", e);
        }
    }

    private static Reply changed(ConfigGeneration g) {
        ObjectNode n = JSON.createObjectNode();
        n.put("generation", g.number());
        n.put("summary", g.summary());
        return new Reply(200, n.toString());
    }

    private static JsonNode tree(Object configPart) {
        try {
            if (configPart instanceof BlockhouseConfig c) {
                return JSON.readTree(ConfigLoader.toJson(c));
            }
            return JSON.readTree(JSON.writeValueAsString(configPart));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- devices ----

    private Reply devices(Request r) throws MgmtException {
        ConfigEdits edits = service.edits();
        if (r.is("GET", 3)) {
            return ok(service.current().config().devices());
        }
        if (r.is("POST", 3)) {
            DeviceConfig d = body(r, DeviceConfig.class, "device");
            return changed(service.change("device add " + d.name(), false, c -> edits.addDevice(c, d)));
        }
        String name = r.seg(3);
        if (r.is("GET", 4)) {
            return ok(service.current().config().devices().stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> MgmtException.notFound("device_not_found", "devices: no device named \""
                            + name + "\"")));
        }
        if (r.is("DELETE", 4)) {
            return changed(service.change("device rm " + name, r.force(), c -> edits.removeDevice(c, name,
                    r.force())));
        }
        if (r.is("POST", 5) && r.seg(4).equals("resize")) {
            JsonNode b = body(r, JsonNode.class, "resize");
            ByteSize size;
            try {
                size = ByteSize.of(b.path("size").isNumber() ? (Object) b.path("size").asLong()
                        : b.path("size").asText());
            } catch (IllegalArgumentException e) {
                throw MgmtException.invalid("invalid_size", "size: " + e.getMessage());
            }
            return changed(service.change("device resize " + name + " " + size.json(), false,
                    c -> edits.resizeDevice(c, name, size)));
        }
        throw badMethod(r);
    }

    // ---- targets ----

    private Reply targets(Request r) throws MgmtException {
        ConfigEdits edits = service.edits();
        if (r.is("GET", 3)) {
            return ok(service.current().config().targets());
        }
        if (r.is("POST", 3)) {
            TargetConfig t = body(r, TargetConfig.class, "target");
            return changed(service.change("target add " + t.name(), false, c -> edits.addTarget(c, t)));
        }
        String iqn = r.seg(3);
        TargetConfig target = service.current().config().targets().stream()
                .filter(t -> t.name().equalsIgnoreCase(iqn)).findFirst().orElse(null);
        if (target == null && r.method().equals("GET")) {
            throw MgmtException.notFound("target_not_found", "targets: no target named \"" + iqn + "\"");
        }
        if (r.depth() == 4) {
            return switch (r.method()) {
                case "GET" -> ok(target);
                case "DELETE" -> changed(service.change("target rm " + iqn, r.force(),
                        c -> edits.removeTarget(c, iqn)));
                default -> throw badMethod(r);
            };
        }
        String sub = r.seg(4);
        String group = r.param("group");
        String where = iqn + (group == null ? "" : " group " + group);
        switch (sub) {
            case "enable", "disable" -> {
                if (!r.is("POST", 5)) {
                    throw badMethod(r);
                }
                boolean on = sub.equals("enable");
                return changed(service.change("target " + sub + " " + iqn, false,
                        c -> edits.setTargetEnabled(c, iqn, on)));
            }
            case "portals" -> {
                if (!r.is("PUT", 5)) {
                    throw badMethod(r);
                }
                List<String> portals = List.of(body(r, String[].class, "portals"));
                return changed(service.change("target portals " + iqn + " " + portals, false,
                        c -> edits.setPortals(c, iqn, portals)));
            }
            case "luns" -> {
                if (r.is("GET", 5)) {
                    return ok(group == null ? target.luns() : target.groups().stream()
                            .filter(g -> g.name().equals(group)).findFirst().map(GroupConfig::luns)
                            .orElseThrow(() -> MgmtException.notFound("group_not_found", "groups: no group named \""
                                    + group + "\"")));
                }
                if (r.is("POST", 5)) {
                    LunConfig lun = body(r, LunConfig.class, "lun");
                    return changed(service.change("lun map " + where + " " + lun.lun() + " -> " + lun.device(),
                            false, c -> edits.mapLun(c, iqn, group, lun)));
                }
                if (r.is("DELETE", 6)) {
                    int lun = parseInt(r.seg(5), "lun");
                    return changed(service.change("lun unmap " + where + " " + lun, false,
                            c -> edits.unmapLun(c, iqn, group, lun)));
                }
                throw badMethod(r);
            }
            case "groups" -> {
                return groups(r, target, iqn);
            }
            case "chap" -> {
                if (r.is("PUT", 5)) {
                    ChapConfig chap = body(r, ChapConfig.class, "chap");
                    return changed(service.change("chap set " + where, false,
                            c -> edits.setChap(c, iqn, group, chap)));
                }
                if (r.is("DELETE", 5)) {
                    return changed(service.change("chap clear " + where, false,
                            c -> edits.setChap(c, iqn, group, null)));
                }
                throw badMethod(r);
            }
            default -> throw notFound(String.join("/", r.path()));
        }
    }

    private Reply groups(Request r, TargetConfig target, String iqn) throws MgmtException {
        ConfigEdits edits = service.edits();
        if (r.is("GET", 5)) {
            return ok(target.groups());
        }
        if (r.is("POST", 5)) {
            GroupConfig g = body(r, GroupConfig.class, "group");
            return changed(service.change("group add " + iqn + " " + g.name(), false, c -> edits.addGroup(c, iqn, g)));
        }
        String group = r.seg(5);
        if (r.is("DELETE", 6)) {
            return changed(service.change("group rm " + iqn + " " + group, false,
                    c -> edits.removeGroup(c, iqn, group)));
        }
        if (r.depth() >= 7 && r.seg(6).equals("initiators")) {
            if (r.is("POST", 7)) {
                String name = body(r, JsonNode.class, "initiator").path("name").asText(null);
                return changed(service.change("initiator add " + iqn + " " + group + " " + name, false,
                        c -> edits.addInitiator(c, iqn, group, name)));
            }
            if (r.is("DELETE", 8)) {
                String name = r.seg(7);
                return changed(service.change("initiator rm " + iqn + " " + group + " " + name, false,
                        c -> edits.removeInitiator(c, iqn, group, name)));
            }
        }
        throw badMethod(r);
    }

    private static int parseInt(String text, String field) throws MgmtException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw MgmtException.invalid("invalid_" + field, field + ": not a number: " + text);
        }
    }

    private static long parseLong(String text, String field) throws MgmtException {
        if (text == null) {
            throw MgmtException.invalid("invalid_request", field + ": required");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw MgmtException.invalid("invalid_request", field + ": not a number: " + text);
        }
    }

    // ---- sessions ----

    private Reply sessions(Request r) throws MgmtException {
        if (!r.is("GET", 3)) {
            throw badMethod(r);
        }
        String target = r.param("target");
        return ok(service.live().sessions().stream()
                .filter(s -> target == null || s.target().equalsIgnoreCase(target)).toList());
    }

    // ---- metrics ----

    private Reply metrics(String method) {
        if (!method.equals("GET")) {
            return Reply.error(405, "method_not_allowed", "method: " + method + " is not allowed on /metrics");
        }
        try {
            return service.metricsText()
                    .map(text -> new Reply(200, text, io.blockhouse.metrics.PrometheusText.CONTENT_TYPE))
                    .orElseGet(() -> Reply.error(503, "metrics_unavailable", "metrics: not connected yet"));
        } catch (RuntimeException e) {
            log.error("building the metrics failed", e);
            return Reply.error(500, "internal_error", "metrics: " + e);
        }
    }

    // ---- config ----

    private Reply config(Request r) throws MgmtException {
        if (r.is("GET", 3)) {
            return ok(generationJson(service.current(), true));
        }
        if (r.is("PUT", 3)) {
            BlockhouseConfig imported;
            try {
                imported = ConfigLoader.parse(r.body(), "request body");
            } catch (ConfigException e) {
                throw MgmtException.invalid("invalid_config", String.join("; ", e.problems()));
            }
            String source = r.param("source") == null ? "request body" : r.param("source");
            return changed(service.importConfig(imported, "config import " + source, r.force()));
        }
        String sub = r.seg(3);
        switch (sub) {
            case "api" -> {
                return ApiSectionRoute.handle(service, r.method(), r.depth(), r.body());
            }
            case "import" -> {
                if (!r.is("POST", 4)) {
                    throw badMethod(r);
                }
                if (!"scst".equals(r.param("format"))) {
                    throw MgmtException.invalid("invalid_format", "format: only scst is imported this way (PUT "
                            + "/v1/config takes Blockhouse JSON)");
                }
                String source = r.param("source") == null ? "scst.conf" : r.param("source");
                return changed(service.importScst(r.body(), source, r.force()));
            }
            case "history" -> {
                if (!r.is("GET", 4)) {
                    throw badMethod(r);
                }
                ArrayNode list = JSON.createArrayNode();
                for (ConfigGeneration g : service.history()) {
                    list.add(generationJson(g, false));
                }
                return ok(list);
            }
            case "generations" -> {
                if (!r.is("GET", 5)) {
                    throw badMethod(r);
                }
                return ok(generationJson(service.generation(parseLong(r.seg(4), "generation")), true));
            }
            case "diff" -> {
                if (!r.is("GET", 4)) {
                    throw badMethod(r);
                }
                long from = parseLong(r.param("from"), "from");
                long to = r.param("to") == null ? service.current().number() : parseLong(r.param("to"), "to");
                ObjectNode n = JSON.createObjectNode();
                n.put("from", from);
                n.put("to", to);
                ArrayNode lines = n.putArray("lines");
                service.diff(from, to).forEach(lines::add);
                return ok(n);
            }
            case "rollback" -> {
                if (!r.is("POST", 4)) {
                    throw badMethod(r);
                }
                JsonNode b = body(r, JsonNode.class, "rollback");
                if (!b.path("generation").canConvertToLong()) {
                    throw MgmtException.invalid("invalid_request", "rollback.generation: required, a number");
                }
                return changed(service.rollback(b.path("generation").asLong(), r.force()));
            }
            default -> throw notFound(String.join("/", r.path()));
        }
    }

    private static ObjectNode generationJson(ConfigGeneration g, boolean withConfig) {
        ObjectNode n = JSON.createObjectNode();
        n.put("generation", g.number());
        n.put("time", g.time().toString());
        n.put("summary", g.summary());
        if (withConfig) {
            n.set("config", tree(g.config()));
        }
        return n;
    }
}
