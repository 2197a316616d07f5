package io.blockhouse.tui.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockhouse.tui.api.ApiClient;
import io.blockhouse.tui.api.ApiException;
import io.blockhouse.tui.api.DaemonUnreachableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fetches one {@link StatusSnapshot} from the management API. */
public final class StatusSource {

    private final ApiClient api;
    private final IoRates rates = new IoRates();

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
        JsonNode sync = optional("/v1/sync");
        List<String> raised = new ArrayList<>();
        JsonNode alerts = optional("/v1/alerts");
        if (alerts != null) {
            alerts.forEach(a -> raised.add(a.asText()));
        }
        Map<String, IoRates.Rates> io;
        try {
            io = rates.update(api.text("/metrics"), System.nanoTime());
        } catch (ApiException e) {
            io = null;
        }
        return new StatusSnapshot(current.path("config"), current.path("generation").asLong(),
                current.path("time").asText(""), current.path("summary").asText(""), sessions, filesystems,
                sync, raised, io, Instant.now());
    }

    /** A resource an older daemon may not have (404) or may fail to report: the screen shows it as unknown. */
    private JsonNode optional(String path) throws DaemonUnreachableException {
        try {
            return api.get(path);
        } catch (ApiException e) {
            return null;
        }
    }
}
