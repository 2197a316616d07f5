package io.blockhouse.mgmt.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockhouse.kernel.testing.ExternalRequirement;
import io.blockhouse.kernel.testing.LoopDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Software RAID and LVM through the host API with the real mdadm and lvm on loop devices of this test only (lvm
 * gets {@code --devices} naming them, so nothing else on the machine is scanned or changed). Everything created is
 * taken down again even when an assertion fails.
 */
class RaidAndLvmTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final List<LoopDevice> loops = new ArrayList<>();
    private final List<Path> inUse = new CopyOnWriteArrayList<>();
    private final String vg = "bhtest" + ProcessHandle.current().pid();
    private List<String> devices;
    private HostApi api;

    @BeforeEach
    void loops() throws IOException {
        LoopDevice.requireAvailable();
        ExternalRequirement.require(onPath("lvm") && onPath("mdadm") && onPath("blkid"),
                "lvm2, mdadm and blkid (util-linux) must be installed");
        for (int i = 0; i < 3; i++) {
            loops.add(LoopDevice.create(work.resolve("disk" + i + ".img"), 64L << 20, 512));
        }
        devices = loops.stream().map(l -> l.device().toString()).toList();
        api = new HostApi(work, () -> List.copyOf(inUse), () -> true, SoftwareRaid.forHost(),
                new Lvm(devices, Lvm.deviceMapperPresent()), null);
    }

    @AfterEach
    void cleanUp() throws Exception {
        String only = String.join(",", devices == null ? List.of() : devices);
        if (!only.isEmpty()) {
            // Whatever a failed test left: the volume group (with its LVs), PV labels, RAID superblocks.
            List<String> config = Lvm.deviceMapperPresent() ? List.of() : List.of("--config", "global/activation=0");
            List<String> vgremove = new ArrayList<>(List.of("lvm", "vgremove", "-ff", "-y", "--devices", only));
            vgremove.addAll(config);
            vgremove.add(vg);
            Commands.exec(60, vgremove);
            for (String d : devices) {
                Commands.exec(60, List.of("lvm", "pvremove", "-ff", "-y", "--devices", only, d));
                Commands.exec(60, List.of("mdadm", "--zero-superblock", d));
            }
        }
        for (LoopDevice l : loops) {
            l.close();
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private JsonNode call(int status, String method, String path, Map<String, List<String>> q, String body)
            throws Exception {
        HostApi.Answer a = api.handle(method, path.split("/"), q, body);
        assertEquals(status, a.status(), method + " " + path + " " + body + " -> " + a.body());
        return JSON.readTree(a.body());
    }

    private JsonNode call(int status, String method, String path, String body) throws Exception {
        return call(status, method, path, Map.of(), body);
    }

    private JsonNode lvm() throws Exception {
        return call(200, "GET", "/v1/host/lvm", "");
    }

    private static JsonNode named(JsonNode rows, String name) {
        for (JsonNode r : rows) {
            if (r.path("name").asText().equals(name)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void lvmVolumeGroupAndLogicalVolumesOnLoopDevices() throws Exception {
        String d0 = devices.get(0);
        String d1 = devices.get(1);
        // A PV on its own, then a VG over it and a second, still blank disk (vgcreate labels it).
        call(200, "POST", "/v1/host/lvm/pvs", "{\"device\": \"" + d0 + "\"}");
        assertEquals("LVM2_member", BlockDevices.signature(d0));
        assertTrue(named(lvm().path("pvs"), d0) != null, lvm().toString());
        call(200, "POST", "/v1/host/lvm/vgs", "{\"name\": \"" + vg + "\", \"devices\": [\"" + d0 + "\", \"" + d1
                + "\"]}");
        JsonNode group = named(lvm().path("vgs"), vg);
        assertEquals(2, group.path("pv_count").asLong(), lvm().toString());
        long free = group.path("free").asLong();
        assertTrue(free > 100L << 20 && free <= 128L << 20, "free " + free);

        JsonNode lv = call(200, "POST", "/v1/host/lvm/lvs", "{\"vg\": \"" + vg + "\", \"name\": \"lv0\", "
                + "\"size\": \"32M\"}");
        assertEquals("/dev/" + vg + "/lv0", lv.path("created").asText());
        JsonNode listed = lvm();
        assertEquals(32L << 20, named(listed.path("lvs"), "lv0").path("size").asLong(), listed.toString());
        assertEquals(free - (32L << 20), named(listed.path("vgs"), vg).path("free").asLong());

        // Refusals: a PV of a VG cannot become a RAID member, a VG with LVs or a used LV cannot go, no overcommit.
        assertEquals("device_in_use", call(409, "POST", "/v1/host/raid", "{\"name\": \"md90\", \"level\": \"1\", "
                + "\"devices\": [\"" + d0 + "\", \"" + devices.get(2) + "\"]}").path("code").asText());
        assertEquals("pv_in_use", call(409, "POST", "/v1/host/lvm/vgs", "{\"name\": \"other\", \"devices\": [\""
                + d0 + "\"]}").path("code").asText());
        assertEquals("no_space", call(409, "POST", "/v1/host/lvm/lvs", "{\"vg\": \"" + vg + "\", \"name\": "
                + "\"big\", \"size\": \"1G\"}").path("code").asText());
        assertEquals("lv_exists", call(409, "POST", "/v1/host/lvm/lvs", "{\"vg\": \"" + vg + "\", \"name\": "
                + "\"lv0\", \"size\": \"4M\"}").path("code").asText());
        assertEquals("vg_not_empty", call(409, "DELETE", "/v1/host/lvm/vgs/" + vg, "").path("code").asText());
        assertEquals("pv_in_use", call(409, "DELETE", "/v1/host/lvm/pvs", Map.of("device", List.of(d0)), "")
                .path("code").asText());
        inUse.add(Path.of("/dev", vg, "lv0"));
        assertEquals("lv_in_use", call(409, "DELETE", "/v1/host/lvm/lvs/" + vg + "/lv0", "").path("code").asText());
        inUse.clear();

        call(200, "DELETE", "/v1/host/lvm/lvs/" + vg + "/lv0", "");
        assertEquals(null, named(lvm().path("lvs"), "lv0"));
        call(200, "DELETE", "/v1/host/lvm/vgs/" + vg, "");
        assertEquals(null, named(lvm().path("vgs"), vg));
        call(200, "DELETE", "/v1/host/lvm/pvs", Map.of("device", List.of(d0)), "");
        call(200, "DELETE", "/v1/host/lvm/pvs", Map.of("device", List.of(d1)), "");
        assertEquals(0, lvm().path("pvs").size(), lvm().toString());
        assertEquals(null, BlockDevices.signature(d0));
    }

    @Test
    void lvmRefusesBadNamesForeignDevicesAndNonRoot() throws Exception {
        assertEquals("invalid_name", call(400, "POST", "/v1/host/lvm/vgs", "{\"name\": \"-bad\", \"devices\": [\""
                + devices.get(0) + "\"]}").path("code").asText());
        assertEquals("invalid_devices", call(400, "POST", "/v1/host/lvm/vgs", "{\"name\": \"" + vg
                + "\", \"devices\": []}").path("code").asText());
        assertEquals("invalid_size", call(400, "POST", "/v1/host/lvm/lvs", "{\"vg\": \"" + vg + "\", \"name\": "
                + "\"x\", \"size\": \"lots\"}").path("code").asText());
        assertEquals("no_such_vg", call(404, "POST", "/v1/host/lvm/lvs", "{\"vg\": \"" + vg + "\", \"name\": "
                + "\"x\", \"size\": \"4M\"}").path("code").asText());
        assertEquals("invalid_device", call(400, "POST", "/v1/host/lvm/pvs", "{\"device\": \"/tmp/x\"}")
                .path("code").asText());
        HostApi.Answer a = new HostApi(work, List::of, () -> false, SoftwareRaid.forHost(),
                new Lvm(devices, false), null).handle("POST", "/v1/host/lvm/pvs".split("/"), Map.of(),
                "{\"device\": \"" + devices.get(0) + "\"}");
        assertEquals(403, a.status());
        assertEquals("not_root", JSON.readTree(a.body()).path("code").asText());
        assertEquals(null, BlockDevices.signature(devices.get(0)));
    }

    @Test
    void raidChecksItsRequestThenCreatesListsAndRemovesOrSaysTheKernelCannot() throws Exception {
        String d0 = devices.get(0);
        String d1 = devices.get(1);
        assertEquals("invalid_level", call(400, "POST", "/v1/host/raid", "{\"name\": \"md90\", \"level\": \"3\", "
                + "\"devices\": [\"" + d0 + "\", \"" + d1 + "\"]}").path("code").asText());
        assertEquals("invalid_devices", call(400, "POST", "/v1/host/raid", "{\"name\": \"md90\", \"level\": \"5\", "
                + "\"devices\": [\"" + d0 + "\", \"" + d1 + "\"]}").path("code").asText());
        assertEquals("invalid_name", call(400, "POST", "/v1/host/raid", "{\"name\": \"sda\", \"level\": \"1\", "
                + "\"devices\": [\"" + d0 + "\", \"" + d1 + "\"]}").path("code").asText());
        inUse.add(Path.of(d1));
        assertEquals("device_in_use", call(409, "POST", "/v1/host/raid", "{\"name\": \"md90\", \"level\": \"1\", "
                + "\"devices\": [\"" + d0 + "\", \"" + d1 + "\"]}").path("code").asText());
        assertEquals("device_in_use", call(409, "POST", "/v1/host/raid/md90/add", "{\"device\": \"" + d1 + "\"}")
                .path("code").asText());
        inUse.clear();
        assertEquals("invalid_device", call(400, "POST", "/v1/host/raid/md90/add", "{\"device\": \"sdb\"}")
                .path("code").asText());
        String create = "{\"name\": \"md90\", \"level\": \"1\", \"devices\": [\"" + d0 + "\", \"" + d1 + "\"]}";
        if (!SoftwareRaid.forHost().available()) {
            // This kernel has no md driver: the list says so and a valid request is refused by name.
            assertFalse(call(200, "GET", "/v1/host/raid", "").path("available").asBoolean());
            assertEquals("md_unavailable", call(501, "POST", "/v1/host/raid", create).path("code").asText());
            assertEquals("md_unavailable", call(501, "POST", "/v1/host/raid/md90/add", "{\"device\": \""
                    + devices.get(2) + "\"}").path("code").asText());
            assertEquals("md_unavailable", call(501, "POST", "/v1/host/raid/md90/fail", "{\"device\": \"" + d0
                    + "\"}").path("code").asText());
            assertEquals(null, BlockDevices.signature(d0));
            // Refusals checked; the creation path needs the md driver, which no package can add to this kernel.
            Assumptions.assumeTrue(false, "the kernel's md (software RAID) driver is missing (no /proc/mdstat)");
            return;
        }
        call(200, "POST", "/v1/host/raid", create);
        try {
            JsonNode array = null;
            for (JsonNode a : call(200, "GET", "/v1/host/raid", "").path("arrays")) {
                array = a.path("name").asText().equals("md90") ? a : array;
            }
            assertTrue(array != null);
            assertEquals("raid1", array.path("level").asText());
            assertEquals(2, array.path("members").size(), array.toString());
            assertEquals("linux_raid_member", BlockDevices.signature(d0));
            // A third disk joins as a spare; the first is failed and taken out (and wiped).
            String d2 = devices.get(2);
            call(200, "POST", "/v1/host/raid/md90/add", "{\"device\": \"" + d2 + "\"}");
            assertEquals("already_member", call(409, "POST", "/v1/host/raid/md90/add", "{\"device\": \"" + d2
                    + "\"}").path("code").asText());
            call(200, "POST", "/v1/host/raid/md90/remove", "{\"device\": \"" + d0 + "\"}");
            assertEquals(null, BlockDevices.signature(d0));
            assertEquals("not_member", call(409, "POST", "/v1/host/raid/md90/fail", "{\"device\": \"" + d0
                    + "\"}").path("code").asText());
        } finally {
            JsonNode removed = call(200, "DELETE", "/v1/host/raid/md90", "");
            assertTrue(removed.path("zeroed").size() >= 2, removed.toString());
        }
        assertEquals(null, BlockDevices.signature(d0));
    }

    @Test
    void mdstatParsing() {
        String text = "Personalities : [raid1] [raid6] [raid5] [raid4]\n"
                + "md1 : active raid5 sde[4](S) sdd[3] sdc[1] sdb[0](F)\n"
                + "      1046528 blocks super 1.2 level 5, 512k chunk, algorithm 2 [3/2] [_UU]\n"
                + "      [==>..................]  recovery = 12.6% (66432/523264) finish=0.3min speed=22144K/sec\n"
                + "\n"
                + "md0 : active (auto-read-only) raid1 loop1[1] loop0[0]\n"
                + "      65472 blocks super 1.2 [2/2] [UU]\n"
                + "\n"
                + "unused devices: <none>\n";
        List<com.fasterxml.jackson.databind.node.ObjectNode> arrays = SoftwareRaid.parseMdstat(text);
        assertEquals(2, arrays.size());
        assertEquals("raid5", arrays.get(0).path("level").asText());
        assertEquals("/dev/sdb", arrays.get(0).path("members").get(3).asText());
        assertEquals("[\"/dev/sdb\"]", arrays.get(0).path("faulty").toString());
        assertEquals("[\"/dev/sde\"]", arrays.get(0).path("spares").toString());
        assertEquals("recovery 12.6%", arrays.get(0).path("sync").asText());
        assertEquals(1046528L * 1024, arrays.get(0).path("size").asLong());
        assertEquals("/dev/md0", arrays.get(1).path("path").asText());
        assertEquals("raid1", arrays.get(1).path("level").asText());
        assertEquals("/dev/loop0", arrays.get(1).path("members").get(1).asText());
    }
}
