package io.blockhouse.config.scst;

import static io.blockhouse.config.scst.ScstConfSyntaxTest.conf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.ByteSize;
import io.blockhouse.config.ChapConfig;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.config.LunConfig;
import io.blockhouse.config.TargetConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each thing Blockhouse cannot carry over is dropped or changed with a warning naming its line. */
class ScstConfWarningTest {

    /** A file device d1 and an enabled target t1 mapping it at LUN 0; {@code extra} goes inside the target. */
    static String withTarget(String... extra) {
        StringBuilder sb = new StringBuilder(conf(
                "HANDLER vdisk_fileio {",          // 1
                "\tDEVICE d1 {",                   // 2
                "\t\tfilename /mnt/v/d1.img",      // 3
                "\t}",                             // 4
                "}",                               // 5
                "TARGET_DRIVER iscsi {",           // 6
                "\tenabled 1",                     // 7
                "\tTARGET iqn.2026-11.com.example:t1 {", // 8
                "\t\tenabled 1",                   // 9
                "\t\tLUN 0 d1"));                  // 10
        for (String line : extra) {                // 11...
            sb.append(line).append('\n');
        }
        return sb.append("\t}\n}\n").toString();
    }

    /** One fileio device whose DEVICE section holds {@code attributes} from line 3 on. */
    static String device(String handler, String... attributes) {
        StringBuilder sb = new StringBuilder("HANDLER " + handler + " {\n\tDEVICE d1 {\n");
        for (String a : attributes) {
            sb.append("\t\t").append(a).append('\n');
        }
        return sb.append("\t}\n}\n").toString();
    }

    static ImportResult load(String text) throws ScstConfException {
        return ScstConfImporter.importConf(text, "test.conf");
    }

    static ImportWarning warning(ImportResult r, String part) {
        List<ImportWarning> matching = r.warnings().stream().filter(w -> w.message().contains(part)).toList();
        assertEquals(1, matching.size(), () -> "one warning containing \"" + part + "\" expected in " + r.warnings());
        return matching.get(0);
    }

    static void assertWarning(ImportResult r, int line, String part) {
        assertEquals(line, warning(r, part).line(), r.warnings()::toString);
    }

    @Test
    void unknownAttributesAnywhereAreDroppedWithAWarning() throws Exception {
        ImportResult r = load("setup_id 0x1234\n" + conf(
                "HANDLER vdisk_fileio {",
                "\ttrace_level \"none all\"",
                "\tDEVICE d1 {",
                "\t\tfilename /mnt/v/d1.img",
                "\t\tprod_id \"Fancy Disk\" extra words",
                "\t}",
                "}",
                "TARGET_DRIVER iscsi {",
                "\tenabled 1",
                "\tiSNSServer 10.0.0.1",
                "\tTARGET iqn.2026-11.com.example:t1 {",
                "\t\tenabled 1",
                "\t\tMaxSessions 4",
                "\t\tLUN 0 d1 {",
                "\t\t\tread_only 0",
                "\t\t\tcomment x",
                "\t\t}",
                "\t\tGROUP g1 {",
                "\t\t\tINITIATOR iqn.2026-11.com.example:host1",
                "\t\t\tio_grouping_type auto",
                "\t\t}",
                "\t}",
                "}",
                "UNKNOWN_SECTION x {",
                "}"));
        assertWarning(r, 1, "attribute setup_id has no Blockhouse equivalent");
        assertWarning(r, 3, "attribute trace_level of HANDLER vdisk_fileio has no Blockhouse equivalent");
        assertWarning(r, 6, "attribute prod_id of device d1 has no Blockhouse equivalent");
        assertWarning(r, 11, "attribute iSNSServer of TARGET_DRIVER iscsi");
        assertWarning(r, 14, "attribute MaxSessions of target iqn.2026-11.com.example:t1");
        assertWarning(r, 17, "attribute comment of LUN 0 of target");
        assertWarning(r, 21, "attribute io_grouping_type of group g1");
        assertWarning(r, 25, "section UNKNOWN_SECTION has no Blockhouse equivalent");
        assertEquals(8, r.warnings().size(), r.warnings()::toString);
        assertEquals(new LunConfig(0, "d1", false), r.config().targets().get(0).luns().get(0));
    }

    @Test
    void devicesOfOtherHandlersAreSkippedAndTheirLunsDropped() throws Exception {
        ImportResult r = load(conf(
                "HANDLER vcdrom {",
                "\tDEVICE cd1 {",
                "\t\tfilename /iso/x.iso",
                "\t}",
                "}",
                "HANDLER dev_tape {",
                "\tDEVICE 3:0:0:0",
                "}") + withTarget(
                "\t\tLUN 1 cd1",
                "\t\tGROUP g1 {",
                "\t\t\tLUN 0 3:0:0:0",
                "\t\t\tLUN 1 d1",
                "\t\t\tINITIATOR iqn.2026-11.com.example:h1",
                "\t\t}"));
        assertWarning(r, 2, "device cd1 of handler vcdrom skipped");
        assertWarning(r, 7, "device 3:0:0:0 of handler dev_tape skipped");
        assertWarning(r, 19, "LUN 1 of target iqn.2026-11.com.example:t1 dropped: device cd1 was not imported");
        assertWarning(r, 21, "LUN 0 of group g1 of target iqn.2026-11.com.example:t1 dropped: device 3:0:0:0");
        TargetConfig t = r.config().targets().get(0);
        assertEquals(List.of(new LunConfig(0, "d1", null)), t.luns());
        assertEquals(List.of(new LunConfig(1, "d1", null)), t.groups().get(0).luns());
        assertEquals(1, r.config().devices().size());
    }

    @Test
    void nvCacheAndThinProvisioningHaveNoEquivalent() throws Exception {
        ImportResult r = load(device("vdisk_fileio", "filename /f", "nv_cache 1", "thin_provisioned 1"));
        assertWarning(r, 4, "nv_cache 1 of device d1 has no Blockhouse equivalent (Blockhouse always honours");
        assertWarning(r, 5, "thin_provisioned 1 of device d1 dropped: thin provisioning (UNMAP) is not supported");
    }

    @Test
    void identifiersThatAreNotNaa6AreDropped() throws Exception {
        ImportResult r = load(device("vdisk_fileio", "filename /f", "naa_id 0x5001405abcdef012",
                "eui64_id 0x0123456789abcdef"));
        assertWarning(r, 4, "naa_id 0x5001405abcdef012 of device d1 dropped: Blockhouse reports only an NAA type 6");
        assertWarning(r, 5, "eui64_id 0x0123456789abcdef of device d1 dropped");
        assertNull(r.config().devices().get(0).naaId());
    }

    @Test
    void secondNaaIdentifierIsDropped() throws Exception {
        ImportResult r = load(device("vdisk_fileio", "filename /f", "naa_id 6001405a3c9d2e7f4b1a8c5d9e0f1a2b",
                "eui64_id 6111111111111111111111111111111a"));
        assertWarning(r, 5, "an NAA identifier was already taken");
        assertEquals("6001405a3c9d2e7f4b1a8c5d9e0f1a2b", r.config().devices().get(0).naaId());
    }

    @Test
    void usnWinsOverT10DevIdWhicheverComesFirst() throws Exception {
        ImportResult r = load(device("vdisk_fileio", "filename /f", "usn abc123", "t10_dev_id long-t10-id"));
        assertWarning(r, 5, "t10_dev_id long-t10-id dropped: the serial number is taken from usn");
        assertEquals("abc123", r.config().devices().get(0).serial());
    }

    @Test
    void nullioSizeIsRoundedDownTo4096() throws Exception {
        ImportResult r = load(device("vdisk_nullio", "size 1000000"));
        assertWarning(r, 3, "rounded down from 1000000 to 999424 bytes");
        assertEquals(new ByteSize(999424), r.config().devices().get(0).size());
    }

    @Test
    void nullioWithoutSizeGetsScstsDefault() throws Exception {
        ImportResult r = load(device("vdisk_nullio", "rotational 0"));
        DeviceConfig d = r.config().devices().get(0);
        assertEquals(new ByteSize(5L * (1L << 40) / 2), d.size());
        assertEquals(false, d.rotational());
        assertTrue(r.warnings().isEmpty(), r.warnings()::toString);
    }

    @Test
    void nullioIgnoresFilenameAndODirect() throws Exception {
        ImportResult r = load(device("vdisk_nullio", "filename /dev/null", "o_direct 1", "size_mb 1"));
        assertWarning(r, 3, "filename of nullio device d1 is not used");
        assertWarning(r, 4, "o_direct of nullio device d1 dropped");
        DeviceConfig d = r.config().devices().get(0);
        assertNull(d.path());
        assertNull(d.directIo());
        assertEquals(new ByteSize(1 << 20), d.size());
    }

    @Test
    void sizeOfFileAndBlockDevicesIsTheirOwn() throws Exception {
        ImportResult r = load(device("vdisk_fileio", "filename /f", "size 4096"));
        assertWarning(r, 4, "size of vdisk_fileio device d1 dropped: the existing file's size is used");
        assertNull(r.config().devices().get(0).size());
        r = load(device("vdisk_blockio", "filename /dev/sdb", "size_mb 100"));
        assertWarning(r, 4, "size_mb of vdisk_blockio device d1 dropped: the block device's size is used");
        assertEquals("block", r.config().devices().get(0).backend());
    }

    @Test
    void fileioOnABlockDeviceBecomesABlockBackend() throws Exception {
        ImportResult r = load(device("vdisk_fileio", "filename /dev/vg0/lv1"));
        assertWarning(r, 3, "vdisk_fileio device d1 is on a block device; imported as a block back-end");
        assertEquals("block", r.config().devices().get(0).backend());
    }

    @Test
    void rotationalDefaultsToScstsDefault() throws Exception {
        ImportResult r = load(device("vdisk_blockio", "filename /dev/sdc"));
        assertEquals(true, r.config().devices().get(0).rotational());
    }

    @Test
    void mixedCaseIqnsAreLowerCased() throws Exception {
        ImportResult r = load(conf(
                "TARGET_DRIVER iscsi {",
                "\tenabled 1",
                "\tTARGET IQN.2026-11.com.Example:T1 {",
                "\t\tenabled 1",
                "\t\tGROUP g {",
                "\t\t\tINITIATOR iqn.1991-05.com.Microsoft:WIN-Host",
                "\t\t}",
                "\t}",
                "}"));
        assertWarning(r, 3, "target name IQN.2026-11.com.Example:T1 lower-cased to iqn.2026-11.com.example:t1");
        assertWarning(r, 6, "initiator name iqn.1991-05.com.Microsoft:WIN-Host lower-cased to"
                + " iqn.1991-05.com.microsoft:win-host");
        TargetConfig t = r.config().targets().get(0);
        assertEquals("iqn.2026-11.com.example:t1", t.name());
        assertEquals(List.of("iqn.1991-05.com.microsoft:win-host"), t.groups().get(0).initiators());
    }

    @Test
    void wildcardInitiatorsAreSkipped() throws Exception {
        ImportResult r = load(withTarget(
                "\t\tGROUP g1 {",
                "\t\t\tINITIATOR iqn.2026-11.com.example:h1",
                "\t\t\tINITIATOR iqn.2026-11.com.example:h?",
                "\t\t\tINITIATOR !iqn.2026-11.com.example:bad",
                "\t\t\tINITIATOR *",
                "\t\t}"));
        assertWarning(r, 13, "INITIATOR iqn.2026-11.com.example:h? of group g1 of target"
                + " iqn.2026-11.com.example:t1 skipped: it is a wildcard pattern");
        assertWarning(r, 14, "INITIATOR !iqn.2026-11.com.example:bad");
        assertWarning(r, 15, "INITIATOR * of group g1");
        assertEquals(List.of("iqn.2026-11.com.example:h1"), r.config().targets().get(0).groups().get(0).initiators());
    }

    @Test
    void groupLeftWithoutInitiatorsIsDropped() throws Exception {
        ImportResult r = load(withTarget(
                "\t\tGROUP everyone {",
                "\t\t\tLUN 0 d1",
                "\t\t\tINITIATOR *",
                "\t\t}",
                "\t\tGROUP empty {",
                "\t\t}"));
        assertWarning(r, 11, "group everyone of target iqn.2026-11.com.example:t1 dropped: it has no initiator");
        assertWarning(r, 15, "group empty of target iqn.2026-11.com.example:t1 dropped");
        assertTrue(r.config().targets().get(0).groups().isEmpty());
    }

    @Test
    void targetsDisagreeingOnIscsiParameters() throws Exception {
        ImportResult r = load(conf(
                "TARGET_DRIVER iscsi {",
                "\tenabled 1",
                "\tTARGET iqn.2026-11.com.example:a {",
                "\t\tenabled 1",
                "\t\tFirstBurstLength 65536",
                "\t\tDataDigest CRC32C",
                "\t\tNopInInterval 10",
                "\t}",
                "\tTARGET iqn.2026-11.com.example:b {",
                "\t\tenabled 1",
                "\t\tFirstBurstLength 65536",
                "\t\tDataDigest None",
                "\t\tMaxBurstLength 524288",
                "\t\tNopInTimeout 5",
                "\t\tMaxOutstandingR2T 4",
                "\t}",
                "}"));
        assertWarning(r, 6, "DataDigest CRC32C: SCST requires the digest");
        assertWarning(r, 12, "DataDigest None of target iqn.2026-11.com.example:b differs from true set by target"
                + " iqn.2026-11.com.example:a on line 6");
        assertEquals(2, r.warnings().size(), r.warnings()::toString);
        var iscsi = r.config().iscsi();
        assertEquals(65536, iscsi.firstBurstLength());
        assertEquals(524288, iscsi.maxBurstLength());
        assertEquals(true, iscsi.dataDigest());
        assertEquals(10, iscsi.nopInIntervalSeconds());
        assertEquals(5, iscsi.nopInTimeoutSeconds());
        assertEquals(4, iscsi.maxOutstandingR2T());
    }

    @Test
    void otherTargetDriversAndStrayTargetGroupsAreDropped() throws Exception {
        ImportResult r = load(conf(
                "TARGET_DRIVER qla2x00t {",
                "\tTARGET 25:00:00:f0:98:87:92:f3 {",
                "\t\tenabled 1",
                "\t}",
                "}",
                "DEVICE_GROUP dg1 {",
                "\tTARGET_GROUP fc {",
                "\t\tgroup_id 7",
                "\t\tTARGET 25:00:00:f0:98:87:92:f3",
                "\t}",
                "}",
                "TARGET_GROUP tg1 {",
                "}"));
        assertWarning(r, 1, "TARGET_DRIVER qla2x00t dropped: Blockhouse serves iSCSI only");
        assertWarning(r, 9, "TARGET 25:00:00:f0:98:87:92:f3 of TARGET_GROUP fc dropped: not an imported iSCSI target");
        assertWarning(r, 7, "TARGET_GROUP fc has no iSCSI target to import; dropped");
        assertWarning(r, 12, "TARGET_GROUP tg1 dropped: outside a DEVICE_GROUP it has no meaning");
        assertTrue(r.config().targets().isEmpty());
        assertEquals(null, r.config().alua());
    }

    @Test
    void aluaTargetGroupsBecomePortGroups() throws Exception {
        ImportResult r = load(withTarget() + conf(
                "DEVICE_GROUP dg {",                  // 13
                "\tDEVICE d1",                        // 14
                "\tTARGET_GROUP ctrl_b {",            // 15
                "\t\tgroup_id 2",                    // 16
                "\t\tstate offline",                 // 17
                "\t\tTARGET iqn.2026-11.com.example:t1 {", // 18
                "\t\t\trel_tgt_id 5",               // 19
                "\t\t}",                             // 20
                "\t}",                                // 21
                "}"));
        assertEquals(1, r.config().alua().portGroups().size());
        var g = r.config().alua().portGroups().get(0);
        assertEquals(2, g.id());
        assertEquals("ctrl_b", g.name());
        assertEquals("unavailable", g.state());
        assertEquals("iqn.2026-11.com.example:t1", g.ports().get(0).target());
        assertTrue(g.ports().get(0).portals().isEmpty(), "the whole target");
        assertWarning(r, 17, "state offline imported as unavailable");
        assertWarning(r, 18, "rel_tgt_id of TARGET iqn.2026-11.com.example:t1 in TARGET_GROUP ctrl_b not kept");
    }

    @Test
    void aTargetInTwoDeviceGroupsKeepsItsFirstGroup() throws Exception {
        ImportResult r = load(withTarget() + conf(
                "DEVICE_GROUP a {",                   // 13
                "\tTARGET_GROUP one {",               // 14
                "\t\tgroup_id 1",                    // 15
                "\t\tstate active",                  // 16
                "\t\tTARGET iqn.2026-11.com.example:t1", // 17
                "\t}",                                // 18
                "}",                                   // 19
                "DEVICE_GROUP b {",                    // 20
                "\tTARGET_GROUP two {",               // 21
                "\t\tgroup_id 2",                    // 22
                "\t\tstate standby",                 // 23
                "\t\tTARGET iqn.2026-11.com.example:t1", // 24
                "\t}",                                // 25
                "}"));
        assertEquals(List.of("one"), r.config().alua().portGroups().stream().map(g -> g.name()).toList());
        assertEquals("active/optimized", r.config().alua().portGroups().get(0).state());
        assertWarning(r, 24, "already in group one");
    }

    @Test
    void unknownAluaStateIsAnErrorOnItsLine() {
        ScstConfException e = assertThrows(ScstConfException.class, () -> load(withTarget() + conf(
                "DEVICE_GROUP a {",
                "\tTARGET_GROUP one {",
                "\t\tgroup_id 1",
                "\t\tstate sleepy",
                "\t}",
                "}")));
        assertTrue(e.getMessage().startsWith("test.conf:16:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown ALUA state sleepy"), e.getMessage());
    }

    @Test
    void extraChapAccounts() throws Exception {
        ImportResult r = load(withTarget(
                "\t\tIncomingUser \"joe 12charsecret\"",
                "\t\tIncomingUser \"fred 12charsecret2\"",
                "\t\tOutgoingUser \"old other-secret-1\"",
                "\t\tOutgoingUser \"new other-secret-2\""));
        assertWarning(r, 12, "IncomingUser fred of target iqn.2026-11.com.example:t1 dropped: Blockhouse accepts one"
                + " CHAP user per target or group (kept joe from line 11)");
        assertWarning(r, 13, "OutgoingUser old of target iqn.2026-11.com.example:t1 replaced by the one on line 14");
        assertEquals(new ChapConfig("joe", "12charsecret", "new", "other-secret-2"),
                r.config().targets().get(0).chap());
    }

    @Test
    void targetWithoutEnabledIsImportedDisabled() throws Exception {
        ImportResult r = load(conf(
                "TARGET_DRIVER iscsi {",
                "\tenabled 1",
                "\tTARGET iqn.2026-11.com.example:t1 {",
                "\t}",
                "}"));
        assertWarning(r, 3, "has no 'enabled' attribute: SCST leaves such a target disabled");
        assertEquals(false, r.config().targets().get(0).enabled());
    }

    @Test
    void disabledDriverDisablesItsTargets() throws Exception {
        ImportResult r = load(conf(
                "TARGET_DRIVER iscsi {",
                "\tenabled 0",
                "\tTARGET iqn.2026-11.com.example:t1 {",
                "\t\tenabled 1",
                "\t}",
                "}"));
        assertWarning(r, 1, "TARGET_DRIVER iscsi is disabled: its targets are imported disabled");
        assertFalse(r.config().targets().get(0).enabledOrDefault());
        r = load(conf(
                "TARGET_DRIVER iscsi {",
                "\tTARGET iqn.2026-11.com.example:t1 {",
                "\t\tenabled 1",
                "\t}",
                "}"));
        assertWarning(r, 1, "TARGET_DRIVER iscsi is not enabled (no 'enabled 1')");
        assertFalse(r.config().targets().get(0).enabledOrDefault());
    }

    @Test
    void cleanFileHasNoWarnings() throws Exception {
        ImportResult r = load(withTarget());
        assertTrue(r.warnings().isEmpty(), r.warnings()::toString);
        assertEquals(new ImportWarning(3, "x").toString(), "line 3: x");
    }
}
