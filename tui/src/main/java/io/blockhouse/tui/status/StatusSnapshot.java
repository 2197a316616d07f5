package io.blockhouse.tui.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the main screen shows, as fetched from the daemon in one refresh.
 *
 * @param config      the current configuration ("devices", "targets", ...)
 * @param generation  its generation number
 * @param changedAt   when that generation was made
 * @param summary     what that generation changed
 * @param sessions    the live sessions (array of SessionInfo)
 * @param filesystems the vdisk file systems with their space, or null when the daemon has no host API
 * @param flashSync   the appliance's flash sync state (GET /v1/sync), or null when the daemon does not report it
 * @param raised      alerts the appliance raised (failed syncs, daemon restarts), oldest first; may be empty
 * @param io          I/O rates per device (from the daemon's metrics), or null when the daemon does not report them
 * @param fetchedAt   when this was fetched
 */
public record StatusSnapshot(JsonNode config, long generation, String changedAt, String summary, JsonNode sessions,
                             JsonNode filesystems, JsonNode flashSync, List<String> raised,
                             Map<String, IoRates.Rates> io, Instant fetchedAt) {
}
