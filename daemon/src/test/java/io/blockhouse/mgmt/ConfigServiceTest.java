package io.blockhouse.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ByteSize;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.config.GroupConfig;
import io.blockhouse.config.LunConfig;
import io.blockhouse.config.TargetConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigServiceTest {

    static final String T1 = "iqn.2026-11.io.blockhouse:t1";

    @TempDir
    Path dir;

    /** Records what would be applied; can be told to refuse. */
    static final class RecordingApplier implements LiveApplier {
        final List<BlockhouseConfig> applied = new ArrayList<>();
        MgmtException refuse;

        @Override
        public void apply(BlockhouseConfig from, BlockhouseConfig to, boolean force) throws MgmtException {
            if (refuse != null) {
                throw refuse;
            }
            applied.add(to);
        }

        @Override
        public List<SessionInfo> sessions() {
            return List.of();
        }
    }

    RecordingApplier live;
    ConfigStore store;
    ConfigService service;
    List<Long> heard;

    @BeforeEach
    void setUp() throws Exception {
        live = new RecordingApplier();
        store = ConfigStore.open(dir.resolve("config"), 10);
        ConfigGeneration first = store.append(ConfigStoreTest.config("disk0"), "seed");
        service = new ConfigService(store, first, live, new ConfigEdits(dir, List.of(Path.of("/mnt"))));
        heard = new ArrayList<>();
        service.addListener(g -> heard.add(g.number()));
    }

    private static DeviceConfig nullDevice(String name, String size) {
        return new DeviceConfig(name, "null", null, ByteSize.parse(size), null, null, null, null, null, null, null);
    }

    private ConfigGeneration addDevice(String name) throws MgmtException {
        return service.change("device add " + name, false, c -> service.edits().addDevice(c, nullDevice(name, "1G")));
    }

    @Test
    void acceptedChangeIsAppliedPersistedAndAnnounced() throws Exception {
        ConfigGeneration g = addDevice("disk1");
        assertEquals(2, g.number());
        assertEquals(1, live.applied.size());
        assertEquals(2, store.latest().orElseThrow().number());
        assertEquals(List.of(2L), heard);
    }

    @Test
    void refusedEditChangesNothing() throws Exception {
        MgmtException e = assertThrows(MgmtException.class, () -> service.change("lun map", false,
                c -> service.edits().mapLun(c, T1, null, new LunConfig(0, "disk0", null))));
        assertEquals("duplicate_lun", e.code());
        e = assertThrows(MgmtException.class, () -> service.change("lun map", false,
                c -> service.edits().mapLun(c, T1, null, new LunConfig(1, "nosuch", null))));
        assertEquals("device_not_found", e.code());
        assertTrue(e.getMessage().startsWith("targets[0].luns.device:"), e.getMessage());
        e = assertThrows(MgmtException.class, () -> service.change("initiator", false,
                c -> service.edits().addGroup(c, T1, new GroupConfig("g", List.of("IQN.bad"), null, null))));
        assertEquals("invalid_iqn", e.code());
        e = assertThrows(MgmtException.class, () -> service.change("device", false,
                c -> service.edits().addDevice(c, new DeviceConfig("f", "file", "/etc/passwd.img",
                        ByteSize.parse("1G"), null, null, null, null, null, null, null))));
        assertEquals("path_not_allowed", e.code());
        e = assertThrows(MgmtException.class, () -> service.change("device", false,
                c -> service.edits().addDevice(c, nullDevice("odd", "1000"))));
        assertEquals("invalid_size", e.code());
        assertTrue(live.applied.isEmpty());
        assertEquals(1, store.latest().orElseThrow().number());
        assertTrue(heard.isEmpty());
    }

    @Test
    void validatorIsTheLastWord() {
        // 4 KiB-block device of 6 KiB: a multiple of its block size? no; of 512 yes: the validator wants 4096.
        MgmtException e = assertThrows(MgmtException.class, () -> service.change("device", false,
                c -> service.edits().addDevice(c, nullDevice("d", "6K"))));
        assertEquals("invalid_config", e.code());
        assertTrue(e.getMessage().contains("devices[1].size"), e.getMessage());
    }

    @Test
    void refusalByTheLiveApplierPersistsNothing() throws Exception {
        live.refuse = new MgmtException(MgmtException.Kind.CONFLICT, "device_in_use", "devices.disk0: busy");
        assertThrows(MgmtException.class, () -> service.change("rm", true,
                c -> service.edits().removeDevice(c, "disk0", true)));
        assertEquals(1, store.latest().orElseThrow().number());
        assertEquals(1, service.current().number());
    }

    @Test
    void removingAMappedDeviceNeedsForceAndThenUnmapsIt() throws Exception {
        MgmtException e = assertThrows(MgmtException.class, () -> service.change("rm", false,
                c -> service.edits().removeDevice(c, "disk0", false)));
        assertEquals("device_in_use", e.code());
        ConfigGeneration g = service.change("rm", true, c -> service.edits().removeDevice(c, "disk0", true));
        assertTrue(g.config().devices().isEmpty());
        assertTrue(g.config().targets().get(0).luns().isEmpty());
    }

    @Test
    void rollbackRestoresExactlyTheModelOfThatGeneration() throws Exception {
        addDevice("disk1");
        service.change("map", false, c -> service.edits().mapLun(c, T1, null, new LunConfig(1, "disk1", true)));
        ConfigGeneration three = service.current();
        service.change("target add", false, c -> service.edits().addTarget(c,
                new TargetConfig("iqn.2026-11.io.blockhouse:t2", null, null, null, null, null, null, null)));
        service.change("rm", true, c -> service.edits().removeDevice(c, "disk1", true));

        ConfigGeneration back = service.rollback(3, false);
        assertEquals(6, back.number());
        assertEquals(ConfigLoader.toJson(three.config()), ConfigLoader.toJson(back.config()));
        assertEquals("rollback to generation 3", back.summary());
        List<String> diff = service.diff(3, 6);
        assertTrue(diff.isEmpty(), diff.toString());
        assertEquals("generation_not_found", assertThrows(MgmtException.class, () -> service.rollback(99, false))
                .code());
    }

    @Test
    void editThatChangesNothingMakesNoGeneration() throws Exception {
        ConfigGeneration g = service.change("enable", false, c -> service.edits().setTargetEnabled(c, T1, true));
        // enabled=true differs from the absent default in JSON, so it is a generation; enabling again is not.
        ConfigGeneration again = service.change("enable", false, c -> service.edits().setTargetEnabled(c, T1, true));
        assertEquals(g.number(), again.number());
    }
}
