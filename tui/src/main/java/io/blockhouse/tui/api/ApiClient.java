package io.blockhouse.tui.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * The console's view of the management API: JSON in and out, refusals as {@link ApiException}. The HTTP exchange
 * itself is the shared client's ({@link io.blockhouse.mgmt.client.ApiClient}, the same the CLI uses). Thread-safe:
 * nothing is shared between requests.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final io.blockhouse.mgmt.client.ApiClient http;

    /** A client of the local daemon's API socket. */
    public ApiClient(Path socket) {
        this(io.blockhouse.mgmt.client.ApiClient.unixSocket(socket));
    }

    public ApiClient(io.blockhouse.mgmt.client.ApiClient http) {
        this.http = http;
    }

    /** Where the requests go (socket path or URL), for the header line and messages. */
    public String target() {
        return http.target();
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public JsonNode get(String path) throws ApiException, DaemonUnreachableException {
        return call("GET", path, null);
    }

    public JsonNode post(String path, Object body) throws ApiException, DaemonUnreachableException {
        return call("POST", path, body);
    }

    public JsonNode put(String path, Object body) throws ApiException, DaemonUnreachableException {
        return call("PUT", path, body);
    }

    public JsonNode delete(String path) throws ApiException, DaemonUnreachableException {
        return call("DELETE", path, null);
    }

    /**
     * Sends one request and parses the JSON answer.
     *
     * @throws ApiException               the daemon refused (4xx/5xx), with its code and message
     * @throws DaemonUnreachableException nobody answers, or the answer is not HTTP with a JSON body
     */
    public JsonNode call(String method, String path, Object body) throws ApiException, DaemonUnreachableException {
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
        io.blockhouse.mgmt.client.ApiClient.Response r;
        try {
            r = http.send(method, path, text);
        } catch (io.blockhouse.mgmt.client.ApiClient.UnreachableException e) {
            throw new DaemonUnreachableException(e.getMessage(), e);
        }
        JsonNode node;
        try {
            node = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new DaemonUnreachableException("the daemon's answer to " + method + " " + path
                    + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!r.ok()) {
            throw new ApiException(r.status(), node.path("code").asText("http_" + r.status()),
                    node.path("message").asText(r.body()));
        }
        return node;
    }

    /** GETs a resource that is not JSON (the metrics text) and returns it as it came. */
    public String text(String path) throws ApiException, DaemonUnreachableException {
        io.blockhouse.mgmt.client.ApiClient.Response r;
        try {
            r = http.send("GET", path, null);
        } catch (io.blockhouse.mgmt.client.ApiClient.UnreachableException e) {
            throw new DaemonUnreachableException(e.getMessage(), e);
        }
        if (!r.ok()) {
            throw new ApiException(r.status(), "http_" + r.status(), r.body());
        }
        return r.body();
    }
}
