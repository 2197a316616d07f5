package io.blockhouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.mgmt.ApiServer;
import io.blockhouse.mgmt.ConfigEdits;
import io.blockhouse.mgmt.ConfigGeneration;
import io.blockhouse.mgmt.ConfigService;
import io.blockhouse.mgmt.ConfigStore;
import io.blockhouse.mgmt.LiveApplier;
import io.blockhouse.mgmt.MgmtException;
import io.blockhouse.mgmt.SessionInfo;
import io.blockhouse.mgmt.client.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real API server on a Unix socket (the live side is a recorder, not a target). */
class CliTest {

    static final String T1 = "iqn.2026-11.io.blockhouse:t1";

    @TempDir
    Path dir;

    final List<BlockhouseConfig> applied = new ArrayList<>();
    ConfigStore store;
    ApiServer server;
    String stdout;
    String stderr;

    @BeforeEach
    void start() throws Exception {
        store = ConfigStore.open(dir.resolve("config"), 10);
        BlockhouseConfig seed = ConfigLoader.parse("""
                {"devices": [{"name": "disk0", "backend": "null", "size": "1G"}],
                 "targets": [{"name": "%s", "luns": [{"lun": 0, "device": "disk0"}]}]}""".formatted(T1), "seed");
        ConfigGeneration first = store.append(seed, "seed");
        LiveApplier live = new LiveApplier() {
            @Override
            public void apply(BlockhouseConfig from, BlockhouseConfig to, boolean force) {
                applied.add(to);
            }

            @Override
            public List<SessionInfo> sessions() {
                return List.of(new SessionInfo(3, "iqn.2026-11.test:host", "400000000001", T1, "127.0.0.1:5000",
                        List.of(0), 2, Map.of("HeaderDigest", "CRC32C", "DataDigest", "None"),
                        List.of(new SessionInfo.LunCounters(0, "disk0", 12, 7, 49152, 28672, 1))));
            }
        };
        ConfigService service = new ConfigService(store, first, live, new ConfigEdits(dir, List.of(Path.of("/mnt"))));
        server = ApiServer.start(dir.resolve(ApiServer.SOCKET_NAME), service);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("--data-dir", dir.toString()));
        argv.addAll(List.of(args));
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(argv);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    long generation() throws Exception {
        return store.latest().orElseThrow().number();
    }

    @Test
    void socketIsOnlyForOwnerAndGroup() throws Exception {
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(ApiServer.SOCKET_NAME))));
    }

    @Test
    void changesBecomeGenerations() throws Exception {
        assertEquals(0, cli("device", "add", "disk1", "--backend", "ram", "--size", "64M"), stderr);
        assertEquals("generation 2: device add disk1\n", stdout);
        assertEquals(0, cli("lun", "map", T1, "1", "disk1", "--read-only"), stderr);
        assertEquals(0, cli("target", "add", "iqn.2026-11.io.blockhouse:t2", "--alias", "second"), stderr);
        assertEquals(0, cli("group", "add", T1, "hosts", "--initiator", "iqn.2026-11.test:a"), stderr);
        assertEquals(0, cli("lun", "map", T1, "0", "disk1", "--group", "hosts"), stderr);
        assertEquals(0, cli("initiator", "add", T1, "hosts", "iqn.2026-11.test:b"), stderr);
        assertEquals(0, cli("initiator", "rm", T1, "hosts", "iqn.2026-11.test:a"), stderr);
        assertEquals(0, cli("chap", "set", T1, "--user", "u", "--secret", "twelve-chars!"), stderr);
        assertEquals(0, cli("target", "disable", "iqn.2026-11.io.blockhouse:t2"), stderr);
        assertEquals(0, cli("device", "resize", "disk0", "2G"), stderr);
        assertEquals(11, generation());
        BlockhouseConfig now = store.latest().orElseThrow().config();
        assertEquals(List.of("iqn.2026-11.test:b"), now.targets().get(0).groups().get(0).initiators());
        assertEquals(2L << 30, now.devices().get(0).size().bytes());
        assertEquals(10, applied.size());

        assertEquals(0, cli("lun", "list", T1));
        assertEquals("LUN  DEVICE  ACCESS\n0    disk0   rw\n1    disk1   ro\n", stdout);
        assertEquals(0, cli("--json", "device", "list"));
        assertEquals(2, new ObjectMapper().readTree(stdout).size());
    }

    @Test
    void badInputIsOneLineNonZeroAndChangesNothing() throws Exception {
        String[][] bad = {
            {"lun", "map", T1, "0", "disk0"},                                          // duplicate LUN
            {"lun", "map", T1, "1", "nosuch"},                                         // unknown device
            {"device", "rm", "nosuch"},                                                // unknown device
            {"target", "add", "iqn.bad name"},                                         // invalid IQN
            {"group", "add", T1, "g", "--initiator", "not-an-iqn"},                    // invalid IQN
            {"device", "add", "f", "--backend", "file", "--path", "/etc/f.img", "--size", "1G"}, // outside roots
            {"device", "add", "n", "--backend", "null", "--size", "1000"},             // not a block multiple
            {"device", "rm", "disk0"},                                                 // mapped
            {"config", "rollback", "42"},                                              // no such generation
        };
        for (String[] args : bad) {
            assertEquals(1, cli(args), String.join(" ", args));
            assertEquals(1, stderr.lines().count(), stderr);
            assertTrue(stderr.startsWith("blockhouse: ") && stderr.strip().endsWith("]"), stderr);
        }
        assertEquals(1, generation());
        assertTrue(applied.isEmpty());
    }

    @Test
    void errorsNameTheFieldAndCarryAStableCode() throws Exception {
        assertEquals(1, cli("--json", "lun", "map", T1, "0", "disk0"));
        JsonNode e = new ObjectMapper().readTree(stdout);
        assertEquals("duplicate_lun", e.path("code").asText());
        assertTrue(e.path("message").asText().startsWith("targets[0].luns.lun:"), stdout);
    }

    @Test
    void usageErrorsExitTwoWithoutTalkingToTheDaemon() {
        assertEquals(2, cli());
        assertEquals(2, cli("frobnicate"));
        assertEquals(2, cli("device"));
        assertEquals(2, cli("device", "add"));
        assertEquals(2, cli("device", "add", "x"));                  // --backend missing
        assertEquals(2, cli("device", "add", "x", "--backend"));     // value missing
        assertEquals(2, cli("device", "list", "--bogus"));
        assertEquals(2, cli("lun", "map", T1, "zero", "disk0"));
        assertEquals(2, cli("config", "import"));
    }

    @Test
    void unreachableDaemonExitsThree() {
        assertEquals(3, cli("--socket", dir.resolve("nobody.sock").toString(), "device", "list"));
        assertTrue(stderr.contains("cannot reach the daemon"), stderr);
    }

    @Test
    void historyDiffAndRollback() throws Exception {
        cli("device", "add", "disk1", "--backend", "null", "--size", "1G");
        cli("lun", "map", T1, "5", "disk1");
        assertEquals(0, cli("config", "history"));
        assertEquals(4, stdout.lines().count(), stdout); // header + 3 generations
        assertEquals(0, cli("config", "diff", "1", "3"));
        assertTrue(stdout.contains("+      \"lun\" : 5,"), stdout);
        assertEquals(0, cli("config", "rollback", "1"));
        assertEquals("generation 4: rollback to generation 1\n", stdout);
        assertEquals(0, cli("config", "diff", "1", "4"));
        assertEquals("", stdout);
    }

    @Test
    void exportThenImportRoundTrips() throws Exception {
        Path file = dir.resolve("export.json");
        assertEquals(0, cli("config", "export", file.toString()));
        ConfigLoader.load(file); // loads as a daemon --config file
        cli("device", "add", "disk1", "--backend", "null", "--size", "1G");
        assertEquals(0, cli("config", "import", file.toString()), stderr);
        assertEquals(ConfigLoader.toJson(store.get(1).orElseThrow().config()),
                ConfigLoader.toJson(store.latest().orElseThrow().config()));
        assertEquals(1, cli("config", "import", "--scst", file.toString()));
        assertTrue(stderr.contains("[importer_unavailable]"), stderr);
    }

    @Test
    void sessionsAreListed() {
        assertEquals(0, cli("session", "list"));
        assertTrue(stdout.contains("iqn.2026-11.test:host  400000000001"), stdout);
        assertTrue(stdout.contains("CRC32C/None"), stdout);
        assertTrue(stdout.contains("TSIH  LUN  DEVICE  READS  WRITES  BYTES-READ  BYTES-WRITTEN  ERRORS"), stdout);
        assertTrue(stdout.contains("3     0    disk0   12     7       49152       28672          1"), stdout);
    }

    @Test
    void sessionsListPerLunCountersAsJson() {
        assertEquals(0, cli("--json", "session", "list"));
        assertTrue(stdout.contains("\"lunCounters\":[{\"lun\":0,\"device\":\"disk0\",\"reads\":12,\"writes\":7,"
                + "\"bytesRead\":49152,\"bytesWritten\":28672,\"errors\":1}]"), stdout);
    }

    @Test
    void helpCoversEveryCommand() {
        assertEquals(0, cli("--help"));
        for (Command c : Commands.all()) {
            assertTrue(stdout.contains(c.usage()), c.name());
        }
        for (Command c : Commands.all()) {
            assertEquals(0, cli(c.verb(), c.sub(), "--help"));
            assertTrue(stdout.startsWith("usage: blockhouse " + c.name()), stdout);
        }
        assertEquals(0, cli("completion", "bash"));
        assertTrue(stdout.contains("complete -F _blockhouse blockhouse"));
        assertTrue(stdout.contains("device/add) words=\"--read-only"), stdout);
    }

    @Test
    void unknownResourceAndMethodAreJsonErrors() throws Exception {
        ApiClient api = ApiClient.unixSocket(dir.resolve(ApiServer.SOCKET_NAME));
        ApiClient.Response r = api.get("/v1/nothing");
        assertEquals(404, r.status());
        assertEquals("no_such_resource", new ObjectMapper().readTree(r.body()).path("code").asText());
        r = api.send("PATCH", "/v1/devices", "{}");
        assertEquals(400, r.status());
        r = api.send("POST", "/v1/devices", "{\"name\": \"x\", \"backend\": \"null\", \"sise\": \"1G\"}");
        assertEquals(400, r.status());
        assertEquals("invalid_request", new ObjectMapper().readTree(r.body()).path("code").asText());
        assertTrue(r.body().contains("device.sise"), r.body());
    }
}
