package io.blockhouse.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.PortGroupConfig;
import io.blockhouse.config.PortGroupMember;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port group changes through the one live model: validated, applied, persisted, and refused with a named field. */
class PortGroupEditsTest {

    private static final String T1 = ConfigServiceTest.T1;

    @TempDir
    Path dir;

    private ConfigServiceTest.RecordingApplier live;
    private ConfigService service;

    @BeforeEach
    void setUp() throws Exception {
        live = new ConfigServiceTest.RecordingApplier();
        ConfigStore store = ConfigStore.open(dir.resolve("config"), 10);
        service = new ConfigService(store, store.append(ConfigStoreTest.config("disk0"), "seed"), live,
                new ConfigEdits(dir, List.of(Path.of("/mnt"))));
    }

    private static PortGroupConfig group(int id, String name, String state) {
        return new PortGroupConfig(id, name, state, null, List.of(new PortGroupMember(T1, null)));
    }

    @Test
    void addSetAndRemoveAGroup() throws Exception {
        service.change("add", false, c -> PortGroupEdits.add(c, group(1, "a", null)));
        PortGroupConfig added = service.current().config().alua().portGroups().get(0);
        assertEquals("active/optimized", added.state(), "a new group without a state is active/optimized");

        service.change("set", false, c -> PortGroupEdits.update(c, "a", "standby", true, null));
        PortGroupConfig set = service.current().config().alua().portGroups().get(0);
        assertEquals("standby", set.state());
        assertTrue(set.preferredOrDefault());
        assertEquals(added.ports(), set.ports(), "ports kept when not given");
        assertEquals("standby", live.applied.get(live.applied.size() - 1).alua().portGroups().get(0).state());

        service.change("explicit", false, c -> PortGroupEdits.setExplicit(c, true));
        service.change("stpg", false, c -> PortGroupEdits.setStates(c, Map.of(1, "active/non-optimized")));
        assertEquals("active/non-optimized", service.current().config().alua().portGroups().get(0).state());
        assertTrue(service.current().config().alua().explicitOrDefault());

        service.change("rm", false, c -> PortGroupEdits.remove(c, "1"));
        assertEquals(List.of(), service.current().config().alua().portGroups());
        assertTrue(service.current().config().alua().explicitOrDefault(), "explicit stays");
    }

    @Test
    void refusalsNameTheFieldAndChangeNothing() throws Exception {
        service.change("add", false, c -> PortGroupEdits.add(c, group(1, "a", "standby")));
        long before = service.current().number();
        MgmtException e = assertThrows(MgmtException.class, () -> service.change("add", false,
                c -> PortGroupEdits.add(c, group(1, "b", "standby"))));
        assertEquals("port_group_exists", e.code());
        e = assertThrows(MgmtException.class, () -> service.change("set", false,
                c -> PortGroupEdits.update(c, "a", "offline", null, null)));
        assertEquals("invalid_state", e.code());
        assertTrue(e.getMessage().startsWith("state: must be one of"), e.getMessage());
        e = assertThrows(MgmtException.class, () -> service.change("set", false,
                c -> PortGroupEdits.update(c, "zzz", "standby", null, null)));
        assertEquals("port_group_not_found", e.code());
        // The validator has the last word: the whole target cannot be in two groups.
        e = assertThrows(MgmtException.class, () -> service.change("add", false,
                c -> PortGroupEdits.add(c, group(2, "b", "standby"))));
        assertTrue(e.getMessage().contains("alua.portGroups[1].ports[0].target"), e.getMessage());
        // Removing a target a group still names is refused until the group lets it go.
        e = assertThrows(MgmtException.class, () -> service.change("target rm", false,
                c -> service.edits().removeTarget(c, T1)));
        assertTrue(e.getMessage().contains("alua.portGroups[0].ports[0].target: no target named"), e.getMessage());
        assertEquals(before, service.current().number());
    }
}
