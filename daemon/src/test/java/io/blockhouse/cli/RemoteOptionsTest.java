package io.blockhouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.mgmt.ApiSectionApplier;
import io.blockhouse.mgmt.ApiServer;
import io.blockhouse.mgmt.ConfigEdits;
import io.blockhouse.mgmt.ConfigService;
import io.blockhouse.mgmt.ConfigStore;
import io.blockhouse.mgmt.LiveApplier;
import io.blockhouse.mgmt.SessionInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The global options for a remote daemon (--url, --token-file, --ca-file, their variables) and `api` commands. */
class RemoteOptionsTest {

    @TempDir
    Path dir;

    ApiServer server;
    String stdout;
    String stderr;

    @BeforeEach
    void start() throws Exception {
        ConfigStore store = ConfigStore.open(dir.resolve("config"), 10);
        BlockhouseConfig seed = ConfigLoader.parse("{\"devices\": [{\"name\": \"d\", \"backend\": \"null\", "
                + "\"size\": \"1G\"}]}", "seed");
        ApiSectionApplier live = new ApiSectionApplier(new LiveApplier() {
            @Override
            public void apply(BlockhouseConfig from, BlockhouseConfig to, boolean force) {
            }

            @Override
            public List<SessionInfo> sessions() {
                return List.of();
            }
        });
        ConfigService service = new ConfigService(store, store.append(seed, "seed"), live,
                new ConfigEdits(dir, List.of()));
        server = ApiServer.start(dir.resolve(ApiServer.SOCKET_NAME), service, null);
        live.attach(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void helpShowsTheRemoteOptionsAndTheirVariables() {
        assertEquals(0, cli("--help"));
        for (String s : new String[] {"--url URL", "--token-file FILE", "--ca-file FILE", "$BLOCKHOUSE_URL",
                "$BLOCKHOUSE_TOKEN_FILE", "$BLOCKHOUSE_CA_FILE", "blockhouse api set"}) {
            assertTrue(stdout.contains(s), s);
        }
        assertEquals(0, cli("completion", "bash"));
        assertTrue(stdout.contains("--url|--token-file|--ca-file) ((i++))"), stdout);
    }

    @Test
    void remoteOptionsAreCheckedBeforeAnythingIsSent() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "some-token-0123456789\n");
        assertEquals(2, cli("--url", "http://127.0.0.1:8443", "--token-file", token.toString(), "device", "list"));
        assertTrue(stderr.contains("--url: must be https://"), stderr);
        assertEquals(2, cli("--url", "https://127.0.0.1:8443", "device", "list"));
        assertTrue(stderr.contains("--token-file: required with --url"), stderr);
        assertEquals(2, cli("--url=https://127.0.0.1:8443", "--socket", dir.resolve("x").toString(), "device",
                "list"));
        assertTrue(stderr.contains("cannot be combined"), stderr);
        assertEquals(2, cli("--data-dir", dir.toString(), "--token-file", token.toString(), "device", "list"));
        assertTrue(stderr.contains("are for --url"), stderr);
        assertEquals(2, cli("--url", "https://127.0.0.1:8443", "--token-file", token.toString(), "--ca-file",
                dir.resolve("nothing.pem").toString(), "device", "list"));
        assertTrue(stderr.contains("--ca-file: cannot read"), stderr);
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertEquals(3, cli("--url", "https://127.0.0.1:" + closed, "--token-file", token.toString(), "device",
                "list"));
        assertTrue(stderr.contains("cannot reach the daemon at https://127.0.0.1:" + closed), stderr);
    }

    @Test
    void environmentStandsInForTheOptionsButAnExplicitSocketWins() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("BLOCKHOUSE_URL", "https://h.example:9443",
                "BLOCKHOUSE_TOKEN_FILE", "/t", "BLOCKHOUSE_CA_FILE", "/ca.pem"));
        Remote r = new Remote();
        r.fillFromEnvironment(env::get);
        assertEquals("https://h.example:9443", r.url);
        assertEquals(Path.of("/t"), r.tokenFile);
        assertEquals(Path.of("/ca.pem"), r.caFile);
        Remote explicit = new Remote();
        explicit.set(Remote.URL, "https://other:1");
        explicit.fillFromEnvironment(env::get);
        assertEquals("https://other:1", explicit.url);
        // --data-dir given: the local socket is used even though $BLOCKHOUSE_URL would point elsewhere.
        assertEquals(0, cli("--data-dir", dir.toString(), "device", "list"));
    }

    @Test
    void apiCommandsChangeTheSectionLive() throws Exception {
        assertEquals(0, cli("--data-dir", dir.toString(), "api", "show"), stderr);
        assertTrue(stdout.contains("Unix socket only"), stdout);
        assertEquals(2, cli("--data-dir", dir.toString(), "api", "set", "--tcp-listen", "127.0.0.1:8443"));
        assertTrue(stderr.contains("needs all of"), stderr);
        assertEquals(1, cli("--data-dir", dir.toString(), "api", "set", "--group", "no-such-group-here"));
        assertTrue(stderr.contains("api.group: no such group: no-such-group-here [invalid_config]"), stderr);
        assertEquals(1, cli("--data-dir", dir.toString(), "api", "set", "--tcp-listen", "127.0.0.1:8443",
                "--tls-certificate", "/nonexistent/cert.pem", "--tls-private-key", "/nonexistent/key.pem",
                "--tcp-token-file", "/nonexistent/token"));
        assertTrue(stderr.contains("api.tcp.certificate: /nonexistent/cert.pem does not exist"), stderr);

        Path socket = dir.resolve(ApiServer.SOCKET_NAME);
        String group = Files.readAttributes(socket, PosixFileAttributes.class).group().getName();
        assertEquals(0, cli("--data-dir", dir.toString(), "api", "set", "--group", group), stderr);
        assertTrue(stdout.startsWith("generation 2: api: Unix socket only, socket group " + group), stdout);
        assertEquals(0, cli("--data-dir", dir.toString(), "--json", "api", "show"), stderr);
        assertTrue(stdout.contains("\"group\":\"" + group + "\""), stdout);
        assertEquals(0, cli("--data-dir", dir.toString(), "api", "reset"), stderr);
        assertEquals(0, cli("--data-dir", dir.toString(), "api", "show"), stderr);
        assertTrue(stdout.contains("Unix socket only"), stdout);
    }
}
