package io.blockhouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockhouse.mgmt.client.ApiClient;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What one CLI invocation talks to and prints on: the API client, the output streams, table or --json output.
 * Knows the exit codes: 0 done, 1 refused by the daemon, 2 usage, 3 daemon unreachable.
 */
final class Session {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    static final ObjectMapper JSON = new ObjectMapper();

    final ApiClient api;
    final PrintStream out;
    final PrintStream err;
    final boolean json;

    Session(ApiClient api, PrintStream out, PrintStream err, boolean json) {
        this.api = api;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Sends a change; prints "generation N: summary" (or the JSON answer). */
    int change(String method, String path, Object body) throws ApiClient.UnreachableException {
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ApiClient.Response r = api.send(method, path, text);
        if (!r.ok()) {
            return refused(r);
        }
        if (json) {
            out.println(r.body());
        } else {
            JsonNode n = parse(r);
            out.println("generation " + n.path("generation").asText() + ": " + n.path("summary").asText());
        }
        return OK;
    }

    /** GETs a resource; returns its JSON, or null after printing the refusal (see {@link #lastExit}). */
    JsonNode fetch(String path) throws ApiClient.UnreachableException {
        ApiClient.Response r = api.get(path);
        if (!r.ok()) {
            lastExit = refused(r);
            return null;
        }
        lastExit = OK;
        if (json) {
            out.println(r.body());
        }
        return parse(r);
    }

    int lastExit;

    /** Prints the daemon's refusal as one line (or its JSON) and returns exit code 1. */
    int refused(ApiClient.Response r) {
        if (json) {
            out.println(r.body());
        }
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            n = null;
        }
        if (n != null && n.hasNonNull("code")) {
            err.println("blockhouse: " + n.path("message").asText() + " [" + n.path("code").asText() + "]");
        } else {
            err.println("blockhouse: the daemon answered HTTP " + r.status());
        }
        return REFUSED;
    }

    static JsonNode parse(ApiClient.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the daemon sent invalid JSON: " + e.getOriginalMessage());
        }
    }
}
