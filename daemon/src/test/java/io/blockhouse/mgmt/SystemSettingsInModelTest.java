package io.blockhouse.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.ByteSize;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.config.InterfaceConfig;
import io.blockhouse.config.MailConfig;
import io.blockhouse.config.NetworkConfig;
import io.blockhouse.config.SystemConfig;
import io.blockhouse.config.TimeConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The system section of the model: stored in generations, checked by field, kept by storage edits and rollback. */
class SystemSettingsInModelTest {

    @TempDir
    Path dir;

    private static final SystemConfig SETTINGS = new SystemConfig(
            new NetworkConfig("array1", List.of("192.0.2.53"), "192.0.2.1", List.of(new InterfaceConfig("eth0",
                    null, "static", List.of("192.0.2.10/24"), null, null, null, null))),
            new TimeConfig("Europe/Berlin", List.of("pool.ntp.org")),
            new MailConfig("mail.example.com", 25, "array1@example.com", List.of("ops@example.com")), null);

    @Test
    void systemSettingsSurviveStorageEditsRollbackAndAReload() throws Exception {
        ConfigStore store = ConfigStore.open(dir.resolve("config"), 10);
        ConfigGeneration first = store.append(ConfigStoreTest.config("disk0"), "seed");
        ConfigService service = new ConfigService(store, first, new ConfigServiceTest.RecordingApplier(),
                new ConfigEdits(dir, List.of(Path.of("/mnt"))));
        ConfigGeneration g = service.change("system", false, c -> c.withSystem(SETTINGS));
        assertEquals(SETTINGS, g.config().system());
        service.change("device add d1", false, c -> service.edits().addDevice(c, new DeviceConfig("d1", "null", null,
                ByteSize.parse("1G"), null, null, null, null, null, null, null)));
        assertEquals(SETTINGS, service.current().config().system());
        service.rollback(first.number(), false);
        assertEquals(SETTINGS, service.current().config().system());
        assertEquals(SETTINGS, ConfigLoader.parse(ConfigLoader.toJson(service.current().config()), "reload")
                .system());
        assertEquals(SETTINGS, store.latest().orElseThrow().config().system());

        long before = service.current().number();
        MgmtException e = assertThrows(MgmtException.class, () -> service.change("bad", false,
                c -> c.withSystem(SETTINGS.withTime(new TimeConfig("Mars/Olympus", List.of("not a host"))))));
        assertTrue(e.getMessage().contains("system.time.timezone"), e.getMessage());
        assertTrue(e.getMessage().contains("system.time.ntpServers[0]"), e.getMessage());
        assertEquals(before, service.current().number());
    }
}
