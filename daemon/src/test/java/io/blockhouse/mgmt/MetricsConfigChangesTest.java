package io.blockhouse.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.MetricsConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which changes carry the "metrics" section along, and GET /metrics on the API routes. */
class MetricsConfigChangesTest {

    @TempDir
    Path dir;

    ConfigService service;

    @BeforeEach
    void setUp() throws Exception {
        ConfigStore store = ConfigStore.open(dir.resolve("config"), 10);
        BlockhouseConfig seed = ConfigStoreTest.config("disk0");
        seed = seed.withMetrics(new MetricsConfig("127.0.0.1:9470"));
        service = new ConfigService(store, store.append(seed, "seed"), new ConfigServiceTest.RecordingApplier(),
                new ConfigEdits(dir, List.of(Path.of("/mnt"))));
    }

    private static BlockhouseConfig withMetrics(BlockhouseConfig c, MetricsConfig m) {
        return c.withMetrics(m);
    }

    @Test
    void editsAndRollbackKeepTheListener() throws Exception {
        service.change("device rm disk0", true, c -> service.edits().removeDevice(c, "disk0", true));
        assertEquals("127.0.0.1:9470", service.current().config().metrics().listen());
        service.change("metrics off", false, c -> withMetrics(c, null));
        service.rollback(1, true);
        assertNull(service.current().config().metrics(), "a rollback keeps the running listener (none)");
    }

    @Test
    void anImportChangesTheListenerOnlyWhenItHasAMetricsSection() throws Exception {
        BlockhouseConfig without = withMetrics(service.current().config(), null);
        service.importConfig(without, "import without metrics", true);
        assertEquals("127.0.0.1:9470", service.current().config().metrics().listen());
        service.importConfig(withMetrics(without, new MetricsConfig("127.0.0.1:9471")), "moved", true);
        assertEquals("127.0.0.1:9471", service.current().config().metrics().listen());
        service.importConfig(withMetrics(without, new MetricsConfig(null)), "off", true);
        assertNull(service.current().config().metrics().listenAddress());
    }

    @Test
    void apiServesTheConnectedExpositionAsText() {
        ApiRoutes routes = new ApiRoutes(service);
        ApiRoutes.Reply none = routes.handle("GET", "/metrics", "");
        assertEquals(503, none.status());
        assertTrue(none.body().contains("metrics_unavailable"), none.body());
        service.setMetrics(() -> "# HELP x_up Up.\n# TYPE x_up gauge\nx_up 1\n");
        ApiRoutes.Reply r = routes.handle("GET", "/metrics", "");
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.contentType());
        assertEquals("# HELP x_up Up.\n# TYPE x_up gauge\nx_up 1\n", r.body());
        assertEquals(405, routes.handle("POST", "/metrics", "").status());
        assertEquals("application/json; charset=utf-8", routes.handle("GET", "/v1/sessions", "").contentType());
    }
}
