package io.blockhouse.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.iscsi.IscsiTarget;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LUN masking, CHAP selection and discovery filtering of a configuration, with real RAM logical units. */
class ConfiguredCatalogTest {

    private static final String CONFIG = """
            {"listen": ["127.0.0.1:3260", "127.0.0.2:3260"],
             "devices": [{"name": "a", "backend": "ram", "size": "1M"}, {"name": "b", "backend": "ram", "size": "1M"}],
             "targets": [
               {"name": "iqn.2026-11.t:open", "chap": {"user": "u", "secret": "target-secret"},
                "luns": [{"lun": 0, "device": "a"}],
                "groups": [{"name": "db", "initiators": ["iqn.2026-11.i:db"],
                            "chap": {"user": "dbu", "secret": "group-secret"},
                            "luns": [{"lun": 3, "device": "b"}]}]},
               {"name": "iqn.2026-11.t:closed", "portals": ["127.0.0.2:3260"],
                "groups": [{"name": "only", "initiators": ["iqn.2026-11.i:db"], "luns": [{"lun": 0, "device": "b"}]}]},
               {"name": "iqn.2026-11.t:off", "enabled": false, "luns": [{"lun": 0, "device": "a"}]}
             ]}""";

    @TempDir
    Path tmp;
    private ExecutorService io;
    private StorageStack storage;
    private ConfiguredCatalog catalog;

    @BeforeEach
    void open() throws Exception {
        BlockhouseConfig config = ConfigLoader.parse(CONFIG, "test");
        io = Executors.newFixedThreadPool(2);
        storage = StorageStack.open(config.devices(), DataDirectory.open(tmp), io);
        catalog = new ConfiguredCatalog(config, List.of(new InetSocketAddress("127.0.0.1", 3260),
                new InetSocketAddress("127.0.0.2", 3260)), storage.units(),
                name -> new io.blockhouse.scsi.TargetPort(name, 1));
    }

    @AfterEach
    void close() {
        storage.close();
        io.shutdown();
    }

    @Test
    void targetsAreFoundCaseInsensitively() {
        assertTrue(catalog.find("IQN.2026-11.T:OPEN").isPresent());
        assertFalse(catalog.find("iqn.2026-11.t:none").isPresent());
        assertFalse(catalog.find("iqn.2026-11.t:off").get().enabled());
    }

    @Test
    void groupMembersGetTheirGroupsChapOthersTheTargets() {
        IscsiTarget open = catalog.find("iqn.2026-11.t:open").get();
        assertEquals("dbu", open.chapFor("iqn.2026-11.i:db").get().user());
        assertEquals("u", open.chapFor("iqn.2026-11.i:other").get().user());
        IscsiTarget closed = catalog.find("iqn.2026-11.t:closed").get();
        assertTrue(closed.chapFor("iqn.2026-11.i:db").isEmpty());
    }

    @Test
    void initiatorsOutsideEveryGroupAreAdmittedOnlyWithDefaultLuns() {
        IscsiTarget closed = catalog.find("iqn.2026-11.t:closed").get();
        assertTrue(closed.admits("iqn.2026-11.i:db"));
        assertFalse(closed.admits("iqn.2026-11.i:other"));
        assertTrue(catalog.find("iqn.2026-11.t:open").get().admits("iqn.2026-11.i:other"));
    }

    @Test
    void discoveryShowsEnabledAdmittedTargetsOnThePortal() {
        InetSocketAddress first = new InetSocketAddress("127.0.0.1", 3260);
        InetSocketAddress second = new InetSocketAddress("127.0.0.2", 3260);
        assertEquals(List.of("iqn.2026-11.t:open"), names(catalog.discoverable("iqn.2026-11.i:db", first)));
        assertEquals(List.of("iqn.2026-11.t:open", "iqn.2026-11.t:closed"),
                names(catalog.discoverable("iqn.2026-11.i:db", second)));
        assertEquals(List.of("iqn.2026-11.t:open"), names(catalog.discoverable("iqn.2026-11.i:x", second)));
    }

    private static List<String> names(List<IscsiTarget> targets) {
        return targets.stream().map(IscsiTarget::name).toList();
    }
}
