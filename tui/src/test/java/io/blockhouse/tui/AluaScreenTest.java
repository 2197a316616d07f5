package io.blockhouse.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ALUA groups menu on the virtual terminal against a real daemon: the add form checks its fields (empty name,
 * duplicate id), the daemon's refusals are shown in dialogs, and an added group, a state change, explicit ALUA and a
 * removal reach the daemon (checked through its API: configured groups and the groups in force).
 */
class AluaScreenTest {

    private static final String TARGET = "iqn.2026-11.io.blockhouse:default";
    private static final String MENU = "Target port groups and their access states";

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

    private static VirtualConsole aluaMenu() throws Exception {
        VirtualConsole c = new VirtualConsole(daemon.socket()).await("TARGETS").await(TARGET);
        c.type("m").await("Main menu").type("a").enter().await(MENU);
        return c;
    }

    private static JsonNode liveGroup(int id) throws Exception {
        for (JsonNode g : daemon.api().get("/v1/alua").path("live")) {
            if (g.path("id").asInt() == id) {
                return g;
            }
        }
        return null;
    }

    private static void done(VirtualConsole c) {
        c.await("Done: configuration generation").enter().awaitGone("Done: configuration");
    }

    @Test
    void groupsAreAddedChangedListedAndRemovedThroughTheMenu() throws Exception {
        try (VirtualConsole c = aluaMenu()) {
            // Group 1 takes the whole default target; the empty name is caught by the form.
            c.type("a").enter().await("Which target's ports join the group?").await("(no target yet)").enter()
                    .await("Id (1..65535)").await("(whole target)");
            c.tab(4).enter().await("Name: required").enter().awaitGone("Name: required");
            c.type("ctrl-a").tab(2).type(" ").tab(1).enter();
            done(c);
            JsonNode one = liveGroup(1);
            assertEquals("ctrl-a", one.path("name").asText(), one.toString());
            assertEquals("active/optimized", one.path("state").asText());
            assertTrue(one.path("preferred").asBoolean(), one.toString());
            assertTrue(one.path("ports").get(0).path("targetPort").asText().startsWith(TARGET), one.toString());

            // Group 2 without ports: id 1 and the name ctrl-a are taken (the form says so), then standby.
            c.type("a").enter().await("Which target's ports join the group?").key(KeyType.ArrowDown).enter()
                    .await("no target port yet");
            c.key(KeyType.End).key(KeyType.Backspace, 5).type("1").tab(1).type("ctrl-b").tab(3).enter()
                    .await("Id (1..65535): port group 1 exists").enter().awaitGone("port group 1 exists");
            c.key(KeyType.Backspace).type("2").tab(1).key(KeyType.End).key(KeyType.Backspace, 1).type("a")
                    .tab(3).enter().await("a port group named ctrl-a exists").enter().awaitGone("named ctrl-a");
            c.key(KeyType.Backspace).type("b").tab(1).enter().type("s").enter().tab(2).enter();
            done(c);
            JsonNode two = daemon.api().get("/v1/alua/portgroups/ctrl-b");
            assertEquals(2, two.path("id").asInt());
            assertEquals("standby", two.path("state").asText());
            assertEquals(0, two.path("ports").size(), two.toString());

            // The default target cannot be in two groups: the daemon's refusal, in a dialog.
            c.type("p").enter().await("Which port group?").key(KeyType.ArrowDown).enter()
                    .await("Which target's ports join the group?").enter().await("Replace the ports of group 2")
                    .key(KeyType.Tab).enter().await("The daemon refused").enter().awaitGone("The daemon refused");

            // Group 1 goes to standby and stops being preferred.
            c.type("s").enter().await("Which port group?").await("1 ctrl-a (active/optimized)").enter()
                    .await("no session ends").enter().type("s").enter().tab(1).type(" ").tab(1)
                    .enter();
            done(c);
            one = liveGroup(1);
            assertEquals("standby", one.path("state").asText(), one.toString());
            assertFalse(one.path("preferred").asBoolean(), one.toString());

            c.type("g").enter().await("Group 1 ctrl-a: standby").await("Group 2 ctrl-b: standby  (no target port)")
                    .await("Explicit ALUA (SET TARGET PORT GROUPS): off").enter().awaitGone("Group 1 ctrl-a");

            // Explicit ALUA: No leaves it off, Yes turns it on.
            c.type("e").enter().await("Turn it on").enter().awaitGone("Turn it on");
            assertFalse(daemon.api().get("/v1/alua").path("explicit").asBoolean());
            c.type("e").enter().await("Turn it on").key(KeyType.Tab).enter();
            done(c);
            assertTrue(daemon.api().get("/v1/alua").path("explicit").asBoolean());

            // Removal asks first; No keeps the group.
            c.type("r").enter().await("Which port group?").key(KeyType.ArrowDown).enter()
                    .await("Remove port group 2 ctrl-b?").enter().awaitGone("Remove port group 2");
            assertEquals(2, daemon.api().get("/v1/alua/portgroups").size());
            c.type("r").enter().await("Which port group?").key(KeyType.ArrowDown).enter()
                    .await("Remove port group 2 ctrl-b?").key(KeyType.Tab).enter();
            done(c);
            JsonNode left = daemon.api().get("/v1/alua/portgroups");
            assertEquals(1, left.size(), left.toString());
            assertEquals("ctrl-a", left.get(0).path("name").asText());
            c.escape().awaitGone(MENU).escape().awaitGone("Main menu");
        }
    }
}
