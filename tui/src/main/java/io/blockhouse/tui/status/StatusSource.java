package io.blockhouse.tui.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockhouse.tui.api.ApiClient;
import io.blockhouse.tui.api.ApiException;
import io.blockhouse.tui.api.DaemonUnreachableException;
import java.time.Instant;

/** Fetches one {@link StatusSnapshot} from the management API. */
public final class StatusSource {

    private final ApiClient api;

    public StatusSource(ApiClient api) {
        this.api = api;
    }

    public StatusSnapshot fetch() throws ApiException, DaemonUnreachableException {
        JsonNode current = api.get("/v1/config");
        JsonNode sessions = api.get("/v1/sessions");
        JsonNode filesystems;
        try {
            filesystems = api.get("/v1/host/filesystems");
        } catch (ApiException e) {
            // A daemon without the host API (404), or one that refuses host actions here: show no space figures.
            filesystems = null;
        }
        return new StatusSnapshot(current.path("config"), current.path("generation").asLong(),
                current.path("time").asText(""), current.path("summary").asText(""), sessions, filesystems,
                Instant.now());
    }
}
