package io.blockhouse.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the console on Lanterna's virtual terminal (80x24) against a real daemon: the main screen shows the
 * daemon's state, every menu opens, forms check their fields, and every action reaches the daemon (checked through
 * the API afterwards).
 */
class ConsoleScreenTest {

    private static final String TARGET = "iqn.2026-11.io.blockhouse:default";

    @TempDir
    static Path work;
    static DaemonUnderTest daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DaemonUnderTest.start(work);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    private static VirtualConsole console() throws Exception {
        return new VirtualConsole(daemon.socket()).await("TARGETS").await(TARGET);
    }

    /** Opens a top-level menu by its first letter from the main screen. */
    private static void openMenu(VirtualConsole c, char letter, String title) {
        c.type("m").await("Main menu").type(String.valueOf(letter)).enter().await(title);
    }

    @Test
    void mainScreenShowsTargetsDevicesAndGeneration() throws Exception {
        try (VirtualConsole c = console()) {
            c.await("disk0").await("Config generation").await("IOPS, last 40 s");
        }
    }

    @Test
    void asciiConsoleFollowsATerminalResize() throws Exception {
        try (VirtualConsole c = new VirtualConsole(daemon.socket(), true, 80, 24)) {
            c.await(TARGET).type("m").await("Main menu");
            assertTrue(c.text().contains("+--Blockhouse"), c.text());
            assertFalse(c.text().chars().anyMatch(ch -> ch >= 0x2500 && ch <= 0x257f), c.text());
            c.escape().awaitGone("Main menu");
            c.terminal().setTerminalSize(new com.googlecode.lanterna.TerminalSize(100, 30));
            c.type("r").await("m/F2 menu");
            // The footer follows the new bottom row (the screen may still have 24 rows until the next redraw).
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
            while (!footerOnRow(c.text(), 29)) {
                assertTrue(java.time.Instant.now().isBefore(deadline), c.text());
                Thread.sleep(50);
            }
        }
    }

    private static boolean footerOnRow(String screen, int row) {
        String[] rows = screen.split("\n");
        return rows.length > row && rows[row].startsWith("m/F2 menu");
    }

    @Test
    void everyMenuOpens() throws Exception {
        List<String[]> menus = List.of(
                new String[] {"s", "Configuration and the appliance"},
                new String[] {"b", "Disks, file systems and vdisk files"},
                new String[] {"d", "SCSI devices (LUN back-ends)"},
                new String[] {"t", "iSCSI targets"},
                new String[] {"h", "Initiator groups of a target"},
                new String[] {"l", "Map devices to LUNs"},
                new String[] {"a", "Target port groups and their access states"},
                new String[] {"i", "The console itself"});
        try (VirtualConsole c = console()) {
            for (String[] m : menus) {
                openMenu(c, m[0].charAt(0), m[1]);
                c.escape().awaitGone(m[1]).escape().awaitGone("Main menu");
            }
            c.type("h").await("Typical provisioning").enter().awaitGone("Typical provisioning");
        }
    }

    @Test
    void addDeviceFormChecksFieldsAndShowsDaemonRefusals() throws Exception {
        try (VirtualConsole c = console()) {
            openMenu(c, 'd', "SCSI devices");
            c.type("a").enter().await("Block size");
            // Empty name: the form's own check.
            c.tab(11).enter().await("Name: required").enter().awaitGone("Name: required");
            // A name the daemon already has: its refusal, in a dialog, the form still open.
            c.type("disk0").tab(1).enter().type("r").enter().tab(2).type("64M").tab(8).enter()
                    .await("device_exists").enter().awaitGone("device_exists").await("Block size");
            c.escape().awaitGone("Block size").escape().escape().awaitGone("Main menu");
        }
    }

    @Test
    void addResizeAndRemoveADeviceReachTheDaemon() throws Exception {
        try (VirtualConsole c = console()) {
            openMenu(c, 'd', "SCSI devices");
            c.type("a").enter().await("Block size");
            c.type("scratch").tab(1).enter().type("n").enter().tab(2).type("64M").tab(8).enter()
                    .await("Done: configuration generation").enter().awaitGone("Done: configuration");
            assertEquals("null", device("scratch").path("backend").asText());
            c.type("r").enter().await("Which device?").type("s").enter().await("Resize scratch")
                    .type("128M").tab(1).enter().await("Done: configuration generation").enter();
            assertEquals("128M", device("scratch").path("size").asText());
            // Removal asks first; No keeps the device.
            c.type("rr").enter().await("Which device?").type("s").enter().await("Remove device scratch?")
                    .enter().awaitGone("Remove device scratch?");
            assertFalse(device("scratch").isMissingNode());
            c.type("rr").enter().await("Which device?").type("s").enter().await("Remove device scratch?")
                    .key(KeyType.Tab).enter().await("Done.").enter();
            assertTrue(device("scratch").isMissingNode());
            c.escape().escape().awaitGone("Main menu");
        }
    }

    @Test
    void targetWithChapGroupAndLunMappingReachTheDaemon() throws Exception {
        String iqn = "iqn.2026-11.io.blockhouse:tui1";
        try (VirtualConsole c = console()) {
            openMenu(c, 't', "iSCSI targets");
            c.type("a").enter().await("Target IQN").key(KeyType.End).type("tui1").tab(4).enter()
                    .await("Done: configuration generation").enter();
            c.type("c").enter().await("Which target?").key(KeyType.ArrowDown).enter()
                    .await("CHAP for " + iqn).type("alice").tab(1).type("alice-secret-1").tab(3).enter()
                    .await("Done: configuration generation").enter();
            c.escape().awaitGone("iSCSI targets").escape().awaitGone("Main menu");
            JsonNode t = daemon.api().get("/v1/targets/" + iqn);
            assertEquals("alice", t.path("chap").path("user").asText());

            openMenu(c, 'h', "Initiator groups");
            c.type("a").enter().await("Which target?").key(KeyType.ArrowDown).enter()
                    .await("type a name").type("(").enter().await("Initiator IQN").key(KeyType.End)
                    .type("2026-11.com.example:host1").tab(1).enter()
                    .await("Group name").type("hosts").tab(2).enter().await("Done: configuration generation").enter();
            c.escape().awaitGone("Initiator groups").escape().awaitGone("Main menu");
            t = daemon.api().get("/v1/targets/" + iqn);
            assertEquals("iqn.2026-11.com.example:host1", t.path("groups").get(0).path("initiators").get(0).asText());

            openMenu(c, 'l', "Map devices to LUNs");
            c.type("m").enter().await("Which target?").key(KeyType.ArrowDown).enter()
                    .await("Which LUNs").type("h").enter().await("Map a LUN of " + iqn + " group hosts")
                    .tab(3).enter().await("Done: configuration generation").enter();
            c.escape().awaitGone("Map devices").escape().awaitGone("Main menu");
            t = daemon.api().get("/v1/targets/" + iqn);
            assertEquals("disk0", t.path("groups").get(0).path("luns").get(0).path("device").asText());
            c.await("tui1");
        }
    }

    @Test
    void configHistoryShowsDiffAndRollsBack() throws Exception {
        daemon.api().post("/v1/devices", io.blockhouse.tui.api.ApiClient.json().createObjectNode()
                .put("name", "histdev").put("backend", "null").put("size", "1G"));
        long before = daemon.api().get("/v1/config").path("generation").asLong();
        try (VirtualConsole c = console()) {
            openMenu(c, 's', "Configuration and the appliance");
            c.type("c").enter().await("Newest first").await("device add histdev");
            // The second entry is the generation before histdev was added.
            c.key(KeyType.ArrowDown).enter().await("From the current generation").enter()
                    .await("Roll back to generation").key(KeyType.Tab).enter().await("Done: configuration generation")
                    .enter();
            c.escape().awaitGone("Configuration and the appliance").escape().awaitGone("Main menu");
        }
        assertEquals(before + 1, daemon.api().get("/v1/config").path("generation").asLong());
        assertTrue(device("histdev").isMissingNode());
    }

    private static JsonNode device(String name) throws Exception {
        for (JsonNode d : daemon.api().get("/v1/devices")) {
            if (d.path("name").asText().equals(name)) {
                return d;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
