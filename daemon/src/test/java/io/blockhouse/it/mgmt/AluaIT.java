package io.blockhouse.it.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.Ports;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALUA end to end on a real daemon: one target on two portals, split by the CLI into two port groups, seen by a
 * real initiator (the test initiator, one session per portal) as two target ports with their own relative target
 * port identifiers and groups; state changes made with the CLI and with SET TARGET PORT GROUPS reach the other
 * sessions as ASYMMETRIC ACCESS STATE CHANGED and are enforced (standby answers NOT READY 04/0B).
 */
class AluaIT {

    private static final String TARGET = "iqn.2026-11.io.blockhouse:alua";
    private static final byte[] TUR = new byte[6];

    @TempDir
    Path work;

    @Test
    void twoPortalsBecomeTwoTargetPortsWhoseStatesTheCliAndTheInitiatorSet() throws Exception {
        int p1 = Ports.freePort();
        int p2 = Ports.freePort();
        DaemonConfig config = new DaemonConfig().fileDevice("disk", "disk.img", "64M");
        config.target(TARGET).lun(0, "disk").set("portals", List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2));
        try (DaemonProcess daemon = DaemonProcess.startOnPorts(config, work, p1, p2)) {
            BlockhouseCli cli = new BlockhouseCli(daemon.dataDir());

            // Without port groups both portals are the one target port of the target, in the default group 0.
            try (IscsiSession a = login(p1, 1); IscsiSession b = login(p2, 2)) {
                assertEquals(relativePort(a), relativePort(b));
                assertEquals(0, portGroup(a));
                assertEquals(0x10, a.inquiry(0).data()[5] & 0x30, "TPGS 01b: implicit ALUA");
            }

            cli.ok("portgroup", "add", "1", "ctrl-a", "--preferred", "--port", TARGET + "=127.0.0.1:" + p1);
            cli.ok("portgroup", "add", "2", "ctrl-b", "--state", "active/non-optimized", "--port",
                    TARGET + "=127.0.0.1:" + p2);
            // A portal can be in one group only; a state must be one of the five: one line, exit 1, no change.
            BlockhouseCli.Result refused = cli.run("portgroup", "add", "3", "ctrl-c", "--port",
                    TARGET + "=127.0.0.1:" + p1);
            assertEquals(1, refused.exit(), refused.err());
            assertTrue(refused.err().contains("alua.portGroups[2].ports[0].portals[0]"), refused.err());
            assertEquals(1, refused.err().strip().lines().count(), refused.err());
            BlockhouseCli.Result badState = cli.run("portgroup", "set", "ctrl-b", "--state", "offline");
            assertEquals(1, badState.exit());
            assertTrue(badState.err().contains("state: must be one of"), badState.err());

            try (IscsiSession a = login(p1, 1); IscsiSession b = login(p2, 2)) {
                int portA = relativePort(a);
                int portB = relativePort(b);
                assertNotEquals(portA, portB, "two portals in two groups are two target ports");
                assertEquals(1, portGroup(a));
                assertEquals(2, portGroup(b));
                // SendTargets: each portal with its own portal group tag (target tag 1 + group id).
                Set<String> addresses = new TreeSet<>(a.sendTargetsAll().get(0).addresses());
                assertEquals(Set.of("127.0.0.1:" + p1 + ",2", "127.0.0.1:" + p2 + ",3"), addresses);

                byte[] rtpg = reportTargetPortGroups(a);
                assertEquals(28, rtpg.length); // 4-byte header + two 12-byte descriptors
                assertEquals(0x80, rtpg[4] & 0xFF, "group 1: PREF, active/optimized");
                assertEquals(1, u16(rtpg, 6));
                assertEquals(portA, u16(rtpg, 14));
                assertEquals(0x01, rtpg[16] & 0x0F, "group 2: active/non-optimized");
                assertEquals(2, u16(rtpg, 18));
                assertEquals(portB, u16(rtpg, 26));
                assertTrue(b.write10(0, 0, new byte[512], 512).good(), "active/non-optimized writes");
                // The same ISID through the other portal group is a second session (SSID = ISID + TPGT), not a
                // reinstatement of the first.
                try (IscsiSession sameIsid = login(p2, 1)) {
                    assertEquals(portB, relativePort(sameIsid));
                    assertTrue(a.testUnitReady(0).good(), "the session through portal 1 lives on");
                }

                // The administrator puts controller B in standby.
                cli.ok("portgroup", "set", "ctrl-b", "--state", "standby");
                assertSense(b.testUnitReady(0), 0x6, 0x2A, 0x06);
                assertSense(b.testUnitReady(0), 0x2, 0x04, 0x0B);
                assertSense(b.read10(0, 0, 1, 512), 0x2, 0x04, 0x0B);
                assertEquals(0x02, reportTargetPortGroups(b)[16] & 0x0F, "RTPG still answers in standby");
                assertSense(a.testUnitReady(0), 0x6, 0x2A, 0x06);
                assertTrue(a.testUnitReady(0).good());
                String table = cli.ok("portgroup", "list").out();
                assertTrue(table.lines().anyMatch(l -> l.startsWith("2 ") && l.contains("ctrl-b")
                        && l.contains("standby") && l.contains("127.0.0.1:" + p2)), table);
                JsonNode live = cli.ok("--json", "portgroup", "list").json().path("live");
                assertEquals("standby", groupById(live, 2).path("state").asText());
                assertEquals("implicit", groupById(live, 2).path("status").asText());
                assertEquals(portB, groupById(live, 2).path("ports").get(0).path("relativeTargetPortId").asInt());

                // Explicit ALUA: the initiator fails over itself with SET TARGET PORT GROUPS.
                assertSense(setTargetPortGroups(a, 2, 0x0), 0x5, 0x20, 0x00);
                cli.ok("portgroup", "explicit", "on");
                assertEquals(0x30, a.inquiry(0).data()[5] & 0x30, "TPGS 11b: implicit and explicit");
                assertSense(a.testUnitReady(0), 0x6, 0x3F, 0x03); // INQUIRY DATA HAS CHANGED: the TPGS bits
                assertSense(b.testUnitReady(0), 0x6, 0x3F, 0x03);
                assertSense(b.testUnitReady(0), 0x2, 0x04, 0x0B);
                assertTrue(setTargetPortGroups(a, 2, 0x0).good());
                assertTrue(b.testUnitReady(0).senseKey() == 0x6, "B hears ASYMMETRIC ACCESS STATE CHANGED");
                assertTrue(b.testUnitReady(0).good(), "B is active/optimized again");
                assertTrue(a.testUnitReady(0).good(), "the requester gets no unit attention");
                // The daemon records the initiator's change as a new configuration generation.
                JsonNode recorded = awaitConfiguredState(cli, 2, "active/optimized");
                assertEquals("active/optimized", recorded.path("state").asText());
                JsonNode after = cli.ok("--json", "portgroup", "list").json().path("live");
                assertEquals("set-by-initiator", groupById(after, 2).path("status").asText());
                assertTrue(cli.ok("config", "history").out().contains("SET TARGET PORT GROUPS"));
            }
            daemon.assertAlive();
            daemon.assertNoLeaks();
        }
    }

    private static IscsiSession login(int port, int isidLow) throws IOException {
        IscsiSession s = IscsiSession.login("127.0.0.1", port, LoginOptions.builder().targetName(TARGET)
                .isid(new byte[] {0x40, 0, 0, 0, 0, (byte) isidLow}).build());
        s.clearUnitAttention(0);
        return s;
    }

    /** The relative target port identifier designator (type 4) of VPD page 83h. */
    private static int relativePort(IscsiSession s) throws IOException {
        return designator(s, 0x4);
    }

    /** The target port group designator (type 5) of VPD page 83h. */
    private static int portGroup(IscsiSession s) throws IOException {
        return designator(s, 0x5);
    }

    private static int designator(IscsiSession s, int type) throws IOException {
        ScsiOutcome o = s.execute(0, new byte[] {0x12, 1, (byte) 0x83, 0, (byte) 255, 0}, null, 255);
        assertTrue(o.good(), o.toString());
        byte[] d = o.data();
        for (int p = 4; p + 4 <= d.length; p += 4 + (d[p + 3] & 0xFF)) {
            if ((d[p + 1] & 0x0F) == type && ((d[p + 1] >> 4) & 0x3) == 1) {
                return u16(d, p + 6);
            }
        }
        throw new AssertionError("no designator of type " + type);
    }

    private static byte[] reportTargetPortGroups(IscsiSession s) throws IOException {
        ScsiOutcome o = s.execute(0, new byte[] {(byte) 0xA3, 0x0A, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0}, null, 256);
        assertTrue(o.good(), o.toString());
        return o.data();
    }

    private static ScsiOutcome setTargetPortGroups(IscsiSession s, int group, int state) throws IOException {
        byte[] list = {0, 0, 0, 0, (byte) state, 0, (byte) (group >> 8), (byte) group};
        return s.execute(0, new byte[] {(byte) 0xA4, 0x0A, 0, 0, 0, 0, 0, 0, 0, (byte) list.length, 0, 0}, list, 0);
    }

    private static JsonNode groupById(JsonNode groups, int id) {
        for (JsonNode g : groups) {
            if (g.path("id").asInt() == id) {
                return g;
            }
        }
        throw new AssertionError("no group " + id + " in " + groups);
    }

    /** Polls the configured state: the recording runs after the command completed. */
    private static JsonNode awaitConfiguredState(BlockhouseCli cli, int id, String state) throws Exception {
        JsonNode g = null;
        for (int i = 0; i < 100; i++) {
            g = groupById(cli.ok("--json", "portgroup", "list").json().path("portGroups"), id);
            if (g.path("state").asText().equals(state)) {
                return g;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("group " + id + " never recorded as " + state + ": " + g);
    }

    private static void assertSense(ScsiOutcome o, int key, int asc, int ascq) {
        assertEquals(ScsiOutcome.CHECK_CONDITION, o.status(), o.toString());
        assertEquals(List.of(key, asc, ascq), List.of(o.senseKey(), o.asc(), o.ascq()), o.toString());
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
}
