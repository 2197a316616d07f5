package io.blockhouse.it.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.External;
import io.blockhouse.it.Ports;
import io.blockhouse.kernel.testing.ExternalRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's access rule for the management plane against a real daemon and real clients: the TCP API, configured
 * with an openssl self-signed certificate and a 0600 token file, answers curl only over TLS and only with the right
 * bearer token (401 with stable codes otherwise, 429 after repeated failures); the CLI reaches it with --url,
 * --token-file and --ca-file (and the same through environment variables); the Unix socket keeps working, mode 0660.
 */
class TcpApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "iqn.2026-11.io.blockhouse.it:tcpapi";

    /** curl's outcome: exit code, HTTP status ("000" when there was no HTTP answer) and body. */
    record Curl(int exit, String status, String body) {
        String code() throws IOException {
            return JSON.readTree(body).path("code").asText();
        }
    }

    record Run(int exit, String out, String err) {
        Run expect(int code) {
            assertEquals(code, exit, err + out);
            return this;
        }
    }

    @Test
    void tcpApiNeedsTlsAndTheToken(@TempDir Path dir) throws Exception {
        Path curl = External.requireCommand("curl");
        Path openssl = External.requireCommand("openssl");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(List.of(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"), Map.of()).expect(0);
        String token = "it-token-" + Long.toHexString(System.nanoTime()) + "-0123456789abcdef";
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, token + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        Path wrongFile = dir.resolve("wrong-token");
        Files.writeString(wrongFile, "not-the-token-0123456789\n");
        Files.setPosixFilePermissions(wrongFile, PosixFilePermissions.fromString("rw-------"));

        int apiPort = Ports.freePort();
        String url = "https://127.0.0.1:" + apiPort;
        DaemonConfig config = new DaemonConfig().ramDevice("disk0", "16M");
        config.target(TARGET).lun(0, "disk0");
        config.section("api").putObject("tcp").put("listen", "127.0.0.1:" + apiPort)
                .put("certificate", cert.toString()).put("privateKey", key.toString())
                .put("tokenFile", tokenFile.toString());
        DaemonProcess daemon = DaemonProcess.start(config, dir);
        try {
            awaitPort(apiPort);
            // curl, a real HTTP client: no token, a wrong one, the right one.
            Curl none = curl(curl, cert, null, "GET", url + "/v1/devices", null);
            assertEquals("401", none.status(), none.body());
            assertEquals("token_required", none.code());
            Curl wrong = curl(curl, cert, "not-the-token-0123456789", "GET", url + "/v1/devices", null);
            assertEquals("401", wrong.status());
            assertEquals("token_invalid", wrong.code());
            Curl list = curl(curl, cert, token, "GET", url + "/v1/devices", null);
            assertEquals("200", list.status(), list.body());
            assertEquals("disk0", JSON.readTree(list.body()).path(0).path("name").asText());
            Curl add = curl(curl, cert, token, "POST", url + "/v1/devices",
                    "{\"name\": \"disk1\", \"backend\": \"ram\", \"size\": \"8M\"}");
            assertEquals("200", add.status(), add.body());
            assertEquals("device add disk1", JSON.readTree(add.body()).path("summary").asText());
            Curl refusedChange = curl(curl, cert, "not-the-token-0123456789", "DELETE", url + "/v1/devices/disk1",
                    null);
            assertEquals("401", refusedChange.status());

            // Plain HTTP on the TLS port gets no HTTP answer at all; neither does TLS 1.1.
            Curl plain = curl(curl, null, token, "GET", "http://127.0.0.1:" + apiPort + "/v1/devices", null);
            assertNotEquals(0, plain.exit());
            assertEquals("000", plain.status());
            Curl old = curl(curl, cert, token, "GET", url + "/v1/devices", null, "--tls-max", "1.1");
            assertNotEquals(0, old.exit());
            assertEquals("000", old.status());

            // The CLI, remotely: options, then the same through the environment.
            Run devices = cli(daemon, Map.of(), "--url", url, "--token-file", tokenFile.toString(), "--ca-file",
                    cert.toString(), "device", "list");
            assertEquals(0, devices.exit(), devices.err());
            assertTrue(devices.out().contains("disk0") && devices.out().contains("disk1"), devices.out());
            Run map = cli(daemon, Map.of("BLOCKHOUSE_URL", url, "BLOCKHOUSE_TOKEN_FILE", tokenFile.toString(),
                    "BLOCKHOUSE_CA_FILE", cert.toString()), "lun", "map", TARGET, "1", "disk1");
            assertEquals(0, map.exit(), map.err());
            assertTrue(map.out().startsWith("generation "), map.out());
            Run untrusted = cli(daemon, Map.of(), "--url", url, "--token-file", tokenFile.toString(), "device",
                    "list");
            assertEquals(3, untrusted.exit(), "a self-signed certificate is not trusted without --ca-file");
            Run refused = cli(daemon, Map.of(), "--url", url, "--token-file", wrongFile.toString(), "--ca-file",
                    cert.toString(), "device", "rm", "disk1", "--force");
            assertEquals(1, refused.exit());
            assertTrue(refused.err().contains("[token_invalid]"), refused.err());

            // The Unix socket as before: root (the daemon's user) and its group only.
            Path socket = daemon.dataDir().resolve("blockhouse.sock");
            PosixFileAttributes attrs = Files.readAttributes(socket, PosixFileAttributes.class);
            assertEquals("rw-rw----", PosixFilePermissions.toString(attrs.permissions()));
            assertEquals(System.getProperty("user.name"), attrs.owner().getName());
            BlockhouseCli local = new BlockhouseCli(daemon.dataDir());
            JsonNode luns = local.ok("--json", "lun", "list", TARGET).json();
            assertEquals(2, luns.size(), luns.toString());

            // Repeated failures from one address: 429 for a while, even with the right token.
            // Four failures so far (curl without and with a wrong token, a refused change, the CLI's): the fifth
            // within the minute blocks the address.
            Curl fifth = curl(curl, cert, "guess-0123456789abcdef", "GET", url + "/v1/config", null);
            assertEquals("401", fifth.status(), fifth.body());
            Curl blocked = curl(curl, cert, token, "GET", url + "/v1/config", null);
            assertEquals("429", blocked.status(), blocked.body());
            assertEquals("too_many_failures", blocked.code());
            assertEquals(0, local.run("device", "list").exit(), "the socket is not rate-limited");

            String log = daemon.logText();
            assertTrue(log.contains("refused GET /v1/devices from 127.0.0.1: wrong token"), "failures are logged");
            assertTrue(log.contains("blocking 127.0.0.1"), "the block is logged");
            assertTrue(!log.contains(token) && !log.contains("not-the-token-0123456789"), "tokens are never logged");
        } finally {
            daemon.close();
        }
        daemon.assertNoLeaks();
    }

    /**
     * The socket is reachable by its owner (root) and the configured group only: curl run as nobody gets in only
     * while it carries that group, and no longer once `blockhouse api reset` gives the socket its group back.
     */
    @Test
    void socketOnlyForRootAndTheConfiguredGroup(@TempDir Path dir) throws Exception {
        Path curl = External.requireCommand("curl");
        Path setpriv = External.requireCommand("setpriv");
        ExternalRequirement.require("root".equals(System.getProperty("user.name")), "not running as root");
        String group = "disk";
        int gid = groupId(group);
        // The test directory must be traversable for "nobody" to reach the socket at all.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DaemonConfig config = new DaemonConfig().ramDevice("disk0", "16M");
        config.section("api").put("group", group);
        DaemonProcess daemon = DaemonProcess.start(config, dir);
        try {
            Path socket = daemon.dataDir().resolve("blockhouse.sock");
            PosixFileAttributes attrs = Files.readAttributes(socket, PosixFileAttributes.class);
            assertEquals("rw-rw----", PosixFilePermissions.toString(attrs.permissions()));
            assertEquals("root", attrs.owner().getName());
            assertEquals(group, attrs.group().getName());
            List<String> asNobody = List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups");
            List<String> asMember = List.of(setpriv.toString(), "--reuid=65534", "--regid=65534",
                    "--groups=" + gid);
            assertEquals("000", socketCurl(asNobody, curl, socket).status(), "nobody, not in the group");
            Curl member = socketCurl(asMember, curl, socket);
            assertEquals("200", member.status(), member.body());
            assertEquals("disk0", JSON.readTree(member.body()).path(0).path("name").asText());

            new BlockhouseCli(daemon.dataDir()).ok("api", "reset");
            assertEquals("root", Files.readAttributes(socket, PosixFileAttributes.class).group().getName());
            assertEquals("000", socketCurl(asMember, curl, socket).status(), "the group was taken back");
        } finally {
            daemon.close();
        }
    }

    private static int groupId(String name) throws Exception {
        Run r = run(List.of("getent", "group", name), Map.of()).expect(0);
        return Integer.parseInt(r.out().split(":")[2]);
    }

    private static Curl socketCurl(List<String> prefix, Path curl, Path socket) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(curl.toString(), "-sS", "--max-time", "20", "-o", "-", "-w", "\n%{http_code}",
                "--unix-socket", socket.toString(), "http://blockhouse/v1/devices"));
        Run r = run(cmd, Map.of());
        int nl = r.out().lastIndexOf('\n');
        return new Curl(r.exit(), r.out().substring(nl + 1).strip(), nl < 0 ? "" : r.out().substring(0, nl));
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 100 && !Ports.accepts(port, java.time.Duration.ofMillis(200)); i++) {
            Thread.sleep(100);
        }
    }

    private static Curl curl(Path curl, Path ca, String token, String method, String url, String body,
                             String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "20", "-X", method,
                "-o", "-", "-w", "\n%{http_code}"));
        if (ca != null) {
            cmd.addAll(List.of("--cacert", ca.toString()));
        }
        if (token != null) {
            cmd.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        if (body != null) {
            cmd.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
        }
        cmd.addAll(List.of(extra));
        cmd.add(url);
        Run r = run(cmd, Map.of());
        int nl = r.out().lastIndexOf('\n');
        return new Curl(r.exit(), r.out().substring(nl + 1).strip(), nl < 0 ? "" : r.out().substring(0, nl));
    }

    private static Run cli(DaemonProcess daemon, Map<String, String> env, String... args) throws Exception {
        Path launcher = Path.of(System.getProperty(DaemonProcess.JAR_PROPERTY)).resolveSibling("blockhouse");
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, env);
    }

    private static Run run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("BLOCKHOUSE_URL");
        pb.environment().remove("BLOCKHOUSE_TOKEN_FILE");
        pb.environment().remove("BLOCKHOUSE_CA_FILE");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] err;
        byte[] out = p.getInputStream().readAllBytes();
        err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " hung");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
