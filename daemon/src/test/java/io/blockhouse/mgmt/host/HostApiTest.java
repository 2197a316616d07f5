package io.blockhouse.mgmt.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final List<Path> inUse = new CopyOnWriteArrayList<>();

    private HostApi api(boolean asRoot) {
        return new HostApi(root, () -> List.copyOf(inUse), () -> asRoot);
    }

    private static String[] path(String p) {
        return p.split("/");
    }

    private static JsonNode json(HostApi.Answer a) throws Exception {
        return JSON.readTree(a.body());
    }

    private static HostApi.Answer call(HostApi api, String method, String p, Map<String, List<String>> q, String body) {
        return api.handle(method, path(p), q, body);
    }

    @Test
    void changesAreRefusedClearlyWhenNotRoot() throws Exception {
        HostApi.Answer a = call(api(false), "POST", "/v1/host/vdisks", Map.of(),
                "{\"path\": \"d.img\", \"size\": \"1M\"}");
        assertEquals(403, a.status());
        assertEquals("not_root", json(a).path("code").asText());
        assertTrue(json(a).path("message").asText().contains("does not run as root"));
        assertFalse(Files.exists(root.resolve("d.img")));
        a = call(api(false), "POST", "/v1/host/filesystems", Map.of(),
                "{\"device\": \"/dev/loop0\", \"type\": \"xfs\", \"name\": \"fs\"}");
        assertEquals(403, a.status());
    }

    @Test
    void thickVdiskIsWrittenByAJobWithProgressThenDeletedUnlessInUse() throws Exception {
        HostApi api = api(true);
        HostApi.Answer a = call(api, "POST", "/v1/host/vdisks", Map.of(),
                "{\"path\": \"disk1.img\", \"size\": \"12M\", \"sparse\": false}");
        assertEquals(200, a.status(), a.body());
        long job = json(a).path("job").asLong();
        JsonNode state;
        do {
            Thread.sleep(20);
            state = json(call(api, "GET", "/v1/host/jobs/" + job, Map.of(), ""));
        } while (!state.path("state").asText().equals("done") && !state.path("state").asText().equals("failed"));
        assertEquals("done", state.path("state").asText(), state.toString());
        assertEquals(12L << 20, state.path("done").asLong());
        Path file = root.resolve("disk1.img");
        assertEquals(12L << 20, Files.size(file));
        // Thick: every block allocated (a sparse file of this size would occupy far less).
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        long blocks = Long.parseLong(new String(stat.getInputStream().readAllBytes()).trim());
        stat.waitFor();
        assertTrue(blocks * 512 >= 12L << 20, "allocated " + blocks * 512);

        JsonNode list = json(call(api, "GET", "/v1/host/vdisks", Map.of(), ""));
        assertEquals(file.toString(), list.get(0).path("path").asText());

        inUse.add(file);
        a = call(api, "DELETE", "/v1/host/vdisks", Map.of("path", List.of(file.toString())), "");
        assertEquals(409, a.status());
        assertEquals("vdisk_in_use", json(a).path("code").asText());
        inUse.clear();
        a = call(api, "DELETE", "/v1/host/vdisks", Map.of("path", List.of(file.toString())), "");
        assertEquals(200, a.status(), a.body());
        assertFalse(Files.exists(file));
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        HostApi api = api(true);
        HostApi.Answer a = call(api, "POST", "/v1/host/vdisks", Map.of(), "{\"path\": \"../escape.img\", \"size\": \"1M\"}");
        assertEquals(400, a.status());
        assertEquals("path_not_allowed", json(a).path("code").asText());
        a = call(api, "POST", "/v1/host/vdisks", Map.of(), "{\"path\": \"x.img\", \"size\": \"lots\"}");
        assertEquals("invalid_size", json(a).path("code").asText());
        a = call(api, "POST", "/v1/host/vdisks", Map.of(), "{\"path\": \"nodir/x.img\", \"size\": \"1M\"}");
        assertEquals("no_such_directory", json(a).path("code").asText());
        a = call(api, "POST", "/v1/host/filesystems", Map.of(), "{\"device\": \"/dev/loop0\", \"type\": \"ntfs\", "
                + "\"name\": \"fs\"}");
        assertEquals("invalid_fstype", json(a).path("code").asText());
        a = call(api, "GET", "/v1/host/nothing", Map.of(), "");
        assertEquals(404, a.status());
        a = call(api, "GET", "/v1/host/jobs/99", Map.of(), "");
        assertEquals("job_not_found", json(a).path("code").asText());
    }

    @Test
    void blockDevicesComeFromLsblk() throws Exception {
        HostApi.Answer a = call(api(false), "GET", "/v1/host/blockdevices", Map.of(), "");
        if (a.status() == 501) {
            return; // no lsblk on this machine: the refusal itself is the behaviour
        }
        assertEquals(200, a.status(), a.body());
        assertTrue(json(a).isArray());
    }
}
