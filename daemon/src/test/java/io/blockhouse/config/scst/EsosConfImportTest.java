package io.blockhouse.config.scst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ByteSize;
import io.blockhouse.config.ChapConfig;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.config.GroupConfig;
import io.blockhouse.config.IscsiConfig;
import io.blockhouse.config.LunConfig;
import io.blockhouse.config.TargetConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Imports a realistic ESOS scst.conf (test resource scst/esos-scst.conf) and checks every imported field. */
class EsosConfImportTest {

    private static ImportResult result;

    @BeforeAll
    static void importFile() throws Exception {
        result = ScstConfImporter.importConf(resource("/scst/esos-scst.conf"), "/etc/scst.conf");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = EsosConfImportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void devicesCarryOverFieldByField() {
        List<DeviceConfig> devices = result.config().devices();
        assertEquals(4, devices.size());
        assertEquals(new DeviceConfig("db_md0", "block", "/dev/md0", null, null, null, true, null, false,
                "5d1e6c4a", null), devices.get(0));
        assertEquals(new DeviceConfig("vm_store", "file", "/mnt/vdisks/xfs_vol1/vm_store.img", null, 4096, null, null,
                true, true, "a3c9d2e7-vm_store", "6001405a3c9d2e7f4b1a8c5d9e0f1a2b"), devices.get(1));
        assertEquals(new DeviceConfig("backup01", "file", "/mnt/vdisks/xfs_vol1/backup#01.img", null, null, true,
                null, null, true, null, null), devices.get(2));
        assertEquals(new DeviceConfig("perf_null", "null", null, new ByteSize(10240L << 20), null, null, null, null,
                false, null, null), devices.get(3));
    }

    @Test
    void iscsiDriverBecomesTargetsGroupsAndChap() {
        BlockhouseConfig config = result.config();
        assertEquals(new ChapConfig("discover", "discoverysecret1", null, null), config.discoveryChap());
        assertEquals(2, config.targets().size());

        TargetConfig storage1 = config.targets().get(0);
        assertEquals("iqn.2018-03.com.example.esos:storage1", storage1.name());
        assertEquals("storage1", storage1.alias());
        assertEquals(true, storage1.enabled());
        assertEquals(new ChapConfig("esxuser", "esx-chap-secret1", "storage1", "target-secret99"), storage1.chap());
        assertEquals(List.of(new LunConfig(0, "vm_store", null), new LunConfig(1, "backup01", true)),
                storage1.luns());
        assertEquals(List.of(
                new GroupConfig("dbhosts", List.of("iqn.1994-05.com.redhat:db1", "iqn.1994-05.com.redhat:db2"),
                        new ChapConfig("dbchap", "db-chap-secret-12", null, null),
                        List.of(new LunConfig(0, "db_md0", null), new LunConfig(1, "perf_null", null))),
                new GroupConfig("esx_cluster", List.of("iqn.1998-01.com.vmware:esx01-4f2a"),
                        new ChapConfig("esxgroup", "esx-group-secret", "storage1g", "target-group-secret"),
                        List.of(new LunConfig(0, "vm_store", null), new LunConfig(3, "backup01", true)))),
                storage1.groups());

        assertEquals(new TargetConfig("iqn.2018-03.com.example.esos:storage2", null, false, null, List.of(), null,
                List.of(new LunConfig(0, "perf_null", null)), List.of()), config.targets().get(1));
    }

    @Test
    void perTargetIscsiParametersBecomeTheGlobalSection() {
        assertEquals(new IscsiConfig(64, 262144, null, null, true, false, null, true, false, null, null, null),
                result.config().iscsi());
        assertEquals(List.of("0.0.0.0:3260"), result.config().listen());
    }

    @Test
    void everyDroppedThingIsAWarningOnItsLine() {
        Map<Integer, String> byLine = new TreeMap<>(result.warnings().stream()
                .collect(Collectors.toMap(ImportWarning::line, ImportWarning::message, (a, b) -> a + " | " + b)));
        assertEquals(List.of(4, 10, 20, 29, 41, 44, 52, 63, 69, 76, 88, 95, 97), List.copyOf(byLine.keySet()),
                () -> "warnings: " + result.warnings());
        assertContains(byLine.get(4), "attribute max_tasklet_cmd has no Blockhouse equivalent");
        assertContains(byLine.get(10), "t10_dev_id 5d1e6c4a-db_md0 dropped: the serial number is taken from usn");
        assertContains(byLine.get(20), "nv_cache 1 of device vm_store has no Blockhouse equivalent");
        assertContains(byLine.get(29), "thin_provisioned 1 of device backup01 dropped");
        assertContains(byLine.get(41), "device 2:0:0:0 of handler dev_disk skipped");
        assertContains(byLine.get(44), "TARGET_DRIVER copy_manager dropped");
        assertContains(byLine.get(52), "lower-cased to iqn.2018-03.com.example.esos:storage1");
        assertContains(byLine.get(63), "attribute rel_tgt_id of target iqn.2018-03.com.example.esos:storage1");
        assertContains(byLine.get(69), "LUN 2 of target iqn.2018-03.com.example.esos:storage1 dropped: device"
                + " 2:0:0:0 was not imported");
        assertContains(byLine.get(76), "initiator name iqn.1994-05.com.RedHat:DB2 lower-cased");
        assertContains(byLine.get(88), "INITIATOR iqn.1998-01.com.vmware:esx02-* of group esx_cluster");
        assertContains(byLine.get(95), "MaxRecvDataSegmentLength 65536 of target"
                + " iqn.2018-03.com.example.esos:storage2 differs from 262144 set by target"
                + " iqn.2018-03.com.example.esos:storage1 on line 57");
        assertContains(byLine.get(97), "rel_tgt_id");
    }

    @Test
    void aluaDeviceGroupBecomesAPortGroup() {
        var groups = result.config().alua().portGroups();
        assertEquals(1, groups.size());
        assertEquals(256, groups.get(0).id());
        assertEquals("local", groups.get(0).name());
        assertEquals("active/optimized", groups.get(0).state());
        assertEquals("iqn.2018-03.com.example.esos:storage1", groups.get(0).ports().get(0).target());
    }

    @Test
    void resultSurvivesTheDaemonsOwnLoaderUnchanged() throws Exception {
        String json = ConfigLoader.toJson(result.config());
        BlockhouseConfig reloaded = ConfigLoader.parse(json, "round trip");
        assertEquals(result.config(), reloaded);
        assertTrue(json.contains("\"size\" : \"10G\""), json);
    }

    static void assertContains(String text, String part) {
        assertTrue(text != null && text.contains(part), () -> "expected \"" + part + "\" in: " + text);
    }
}
