package io.blockhouse.mgmt.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.mgmt.MgmtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's view of the appliance's flash sync, driven through the appliance's real sync tool (the image's
 * rootfs/usr/sbin/blockhouse-sync in its host-test mode: plain directories instead of the config partition).
 */
class FlashSyncTest {

    static final Path ROOTFS = Path.of("..", "image-builder", "src", "main", "rootfs").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    Path root;
    Path partition;
    Path alerts;
    FlashSync sync;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        partition = Files.createDirectories(tmp.resolve("partition"));
        Path state = Files.createDirectories(tmp.resolve("state"));
        alerts = state.resolve("alerts");
        Files.createDirectories(root.resolve("var/lib/blockhouse/config"));
        // The tool as the appliance runs it, pointed at this test's directories.
        Path tool = tmp.resolve("blockhouse-sync");
        Files.writeString(tool, "#!/bin/sh\n"
                + "export BLOCKHOUSE_HOST_TEST=1 BLOCKHOUSE_ROOT='" + root + "' BLOCKHOUSE_SYNC_MNT='" + partition
                + "' BLOCKHOUSE_STATE_DIR='" + state + "' BLOCKHOUSE_LIB='" + ROOTFS.resolve("usr/lib/blockhouse")
                + "'\nexec /bin/sh '" + ROOTFS.resolve("usr/sbin/blockhouse-sync") + "' \"$@\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        sync = new FlashSync(tool, alerts);
    }

    private void changeConfig(String json) throws IOException {
        Files.writeString(root.resolve("var/lib/blockhouse/config/gen-000001.json"), json);
    }

    private List<String> generations() throws IOException {
        try (Stream<Path> s = Files.list(partition.resolve("generations"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aChangeIsPendingUntilSyncedThenTheFlashHoldsIt() throws Exception {
        changeConfig("{\"devices\": []}");
        ObjectNode before = sync.status();
        assertTrue(before.path("available").asBoolean());
        assertTrue(before.path("pending").asBoolean(), before.toString());

        ObjectNode after = sync.syncNow();
        assertEquals("ok", after.path("result").asText(), after.toString());
        assertEquals(1, after.path("generation").asLong());
        assertFalse(after.path("pending").asBoolean(), after.toString());
        assertFalse(after.path("lastSuccess").asText().isEmpty());
        assertEquals(1, generations().size());

        changeConfig("{\"devices\": [{\"name\": \"d\"}]}");
        assertTrue(sync.status().path("pending").asBoolean());
        assertEquals(2, sync.syncNow().path("generation").asLong());
        assertEquals(2, generations().size());
    }

    @Test
    void aFailedSyncIsReportedWithTheToolsReasonAndRaisesAnAlert() throws Exception {
        changeConfig("{}");
        // The "partition" cannot take a generations directory: the write fails.
        Files.writeString(partition.resolve("generations"), "not a directory");
        MgmtException e = assertThrows(MgmtException.class, sync::syncNow);
        assertEquals("sync_failed", e.code());
        assertTrue(e.getMessage().contains("generations"), e.getMessage());
        ObjectNode state = sync.status();
        assertEquals("failed", state.path("result").asText(), state.toString());
        assertTrue(state.path("pending").asBoolean());
        assertTrue(sync.alerts().stream().anyMatch(a -> a.contains("configuration sync failed")), sync.alerts()
                .toString());
    }

    @Test
    void offTheApplianceTheStateSaysSoAndSyncIsRefused() throws Exception {
        FlashSync none = new FlashSync(tmp.resolve("no-such-tool"), tmp.resolve("no-alerts"));
        ObjectNode state = none.status();
        assertFalse(state.path("available").asBoolean());
        assertTrue(state.path("reason").asText().contains("not on the appliance"));
        MgmtException e = assertThrows(MgmtException.class, none::syncNow);
        assertEquals("not_appliance", e.code());
        assertEquals(List.of(), none.alerts());
    }
}
