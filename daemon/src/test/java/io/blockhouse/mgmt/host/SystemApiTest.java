package io.blockhouse.mgmt.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.mgmt.ConfigStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time, mail, users, power and support bundles through the host API. */
class SystemApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final NetworkApiTest.Settings settings = new NetworkApiTest.Settings();

    private HostApi api(boolean appliance, boolean root) {
        return NetworkApiTest.hostApi(work, settings, appliance, root, new NetworkApplier(null, work.resolve("etc")),
                work.resolve("etc"));
    }

    private static JsonNode call(HostApi api, int status, String method, String path, String body) throws Exception {
        HostApi.Answer a = api.handle(method, path.split("/"), Map.of(), body);
        assertEquals(status, a.status(), method + " " + path + " " + body + " -> " + a.body());
        return JSON.readTree(a.body());
    }

    @Test
    void timeZoneAndNtpServersAreCheckedStoredAndWritten() throws Exception {
        JsonNode t = call(api(false, false), 200, "GET", "/v1/host/time", "");
        assertEquals("UTC", t.path("timezone").asText());
        assertTrue(Math.abs(java.time.Instant.parse(t.path("now").asText()).getEpochSecond()
                - java.time.Instant.now().getEpochSecond()) < 300);
        JsonNode e = call(api(true, true), 400, "PUT", "/v1/host/time", "{\"timezone\": \"Atlantis/Capital\", "
                + "\"ntpServers\": [\"bad host!\"]}");
        assertTrue(e.path("message").asText().contains("system.time.timezone"), e.toString());
        assertTrue(e.path("message").asText().contains("system.time.ntpServers[0]"), e.toString());
        String valid = "{\"timezone\": \"Europe/Berlin\", \"ntpServers\": [\"0.pool.ntp.org\", \"192.0.2.123\"]}";
        assertEquals("not_appliance", call(api(false, true), 409, "PUT", "/v1/host/time", valid).path("code")
                .asText());
        assertEquals(0, settings.generation);
        call(api(true, true), 200, "PUT", "/v1/host/time", valid);
        assertEquals("Europe/Berlin\n", Files.readString(work.resolve("etc/timezone")));
        t = call(api(true, true), 200, "GET", "/v1/host/time", "");
        assertEquals("Europe/Berlin", t.path("timezone").asText());
        assertEquals("[\"0.pool.ntp.org\",\"192.0.2.123\"]", t.path("ntpServers").toString());
        assertEquals(1, settings.generation);
    }

    @Test
    void rootPasswordIsRefusedWhenWeakAndStoredOnlyAsAShadowHash() throws Exception {
        for (String weak : List.of("", "short1A!", "alllowercaseletters", "Root-Passw0rd-x", "aaaaAAAA1111")) {
            JsonNode e = call(api(true, true), 400, "PUT", "/v1/host/users/root/password", "{\"password\": \""
                    + weak + "\"}");
            assertEquals("weak_password", e.path("code").asText(), weak);
        }
        String good = "Correct-Horse-42";
        assertEquals("not_appliance", call(api(false, true), 409, "PUT", "/v1/host/users/root/password",
                "{\"password\": \"" + good + "\"}").path("code").asText());
        assertEquals("not_root", call(api(true, false), 403, "PUT", "/v1/host/users/root/password",
                "{\"password\": \"" + good + "\"}").path("code").asText());
        assertFalse(call(api(true, true), 200, "GET", "/v1/host/users", "").get(0).path("passwordSet").asBoolean());
        Files.createDirectories(work.resolve("etc"));
        Files.writeString(work.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\nsshd:!:19000::::::\n");
        call(api(true, true), 200, "PUT", "/v1/host/users/root/password", "{\"password\": \"" + good + "\"}");
        String hash = settings.current().rootPasswordHash();
        assertTrue(Sha512Crypt.matches(good, hash));
        assertFalse(Sha512Crypt.matches("Correct-Horse-43", hash));
        List<String> shadow = Files.readAllLines(work.resolve("etc/shadow"));
        assertTrue(shadow.get(0).startsWith("root:" + hash + ":"), shadow.toString());
        assertEquals("sshd:!:19000::::::", shadow.get(1));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(work.resolve("etc/shadow"))));
        assertTrue(call(api(true, true), 200, "GET", "/v1/host/users", "").get(0).path("passwordSet").asBoolean());
    }

    @Test
    void sha512CryptAgreesWithOpenssl() throws Exception {
        List<String[]> cases = List.of(new String[] {"Hello world!", "saltstring"},
                new String[] {"x".repeat(150), "abcdefghijklmnop"}, new String[] {"Grüße-Ä1", "./09AZaz"},
                new String[] {"a", "s"});
        for (String[] c : cases) {
            Process p = new ProcessBuilder("openssl", "passwd", "-6", "-salt", c[1], "-stdin").start();
            try (OutputStream o = p.getOutputStream()) {
                o.write((c[0] + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            if (p.exitValue() != 0) {
                io.blockhouse.kernel.testing.ExternalRequirement.require(false, "openssl passwd -6");
            }
            assertEquals(expected, Sha512Crypt.hash(c[0], c[1]), c[0]);
        }
    }

    @Test
    void powerIsRefusedOffTheApplianceAndWhenTheSyncFails() throws Exception {
        assertEquals("invalid_action", call(api(true, true), 400, "POST", "/v1/host/power", "{\"action\": "
                + "\"explode\"}").path("code").asText());
        assertEquals("not_appliance", call(api(false, true), 409, "POST", "/v1/host/power", "{\"action\": "
                + "\"reboot\"}").path("code").asText());
        assertEquals("not_root", call(api(true, false), 403, "POST", "/v1/host/power", "{\"action\": "
                + "\"poweroff\"}").path("code").asText());
        // The test's sync command is `false`: the reboot is refused, so nothing goes down.
        JsonNode e = call(api(true, true), 409, "POST", "/v1/host/power", "{\"action\": \"reboot\"}");
        assertEquals("sync_failed", e.path("code").asText());
        assertTrue(e.path("message").asText().contains("force"), e.toString());
    }

    /** Accepts one SMTP session and records what the client says. */
    static CompletableFuture<List<String>> smtpServer(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> said = new ArrayList<>();
            try (Socket s = server.accept()) {
                s.setSoTimeout(20_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                out.write("220 test.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                boolean data = false;
                String line;
                while ((line = in.readLine()) != null) {
                    said.add(line);
                    String reply;
                    if (data) {
                        if (!line.equals(".")) {
                            continue;
                        }
                        data = false;
                        reply = "250 queued";
                    } else if (line.startsWith("EHLO")) {
                        reply = "250-test.example\r\n250 8BITMIME";
                    } else if (line.equals("DATA")) {
                        data = true;
                        reply = "354 go ahead";
                    } else if (line.equals("QUIT")) {
                        out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                        break;
                    } else {
                        reply = "250 ok";
                    }
                    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (java.io.IOException e) {
                said.add("server failed: " + e);
            }
            return said;
        });
    }

    @Test
    void mailRelayIsStoredAndTheTestMailSpeaksSmtpToIt() throws Exception {
        assertEquals("mail_not_set", call(api(false, false), 409, "POST", "/v1/host/mail/test", "").path("code")
                .asText());
        JsonNode e = call(api(false, false), 400, "PUT", "/v1/host/mail", "{\"relayHost\": \"\", \"from\": \"x\", "
                + "\"to\": []}");
        assertTrue(e.path("message").asText().contains("system.mail.relayHost"), e.toString());
        assertTrue(e.path("message").asText().contains("system.mail.from"), e.toString());
        assertTrue(e.path("message").asText().contains("system.mail.to"), e.toString());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // The relay is only model data: stored on any host.
            call(api(false, false), 200, "PUT", "/v1/host/mail", "{\"relayHost\": \"127.0.0.1\", \"relayPort\": "
                    + server.getLocalPort() + ", \"from\": \"array1@example.com\", \"to\": [\"ops@example.com\", "
                    + "\"oncall@example.com\"]}");
            assertEquals(server.getLocalPort(), call(api(false, false), 200, "GET", "/v1/host/mail", "")
                    .path("relayPort").asInt());
            CompletableFuture<List<String>> session = smtpServer(server);
            JsonNode sent = call(api(false, false), 200, "POST", "/v1/host/mail/test", "");
            assertTrue(sent.path("sent").asBoolean());
            List<String> said = session.get(30, TimeUnit.SECONDS);
            assertTrue(said.get(0).startsWith("EHLO "), said.toString());
            assertTrue(said.contains("MAIL FROM:<array1@example.com>"), said.toString());
            assertTrue(said.contains("RCPT TO:<ops@example.com>"), said.toString());
            assertTrue(said.contains("RCPT TO:<oncall@example.com>"), said.toString());
            assertTrue(said.contains("Subject: Blockhouse test mail"), said.toString());
            assertTrue(said.contains("This is a test mail from the Blockhouse appliance."), said.toString());
            assertEquals("QUIT", said.get(said.size() - 1));
        }
        // Nobody listening: the failure names the relay.
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        call(api(false, false), 200, "PUT", "/v1/host/mail", "{\"relayHost\": \"127.0.0.1\", \"relayPort\": " + closed
                + ", \"from\": \"array1@example.com\", \"to\": [\"ops@example.com\"]}");
        e = call(api(false, false), 502, "POST", "/v1/host/mail/test", "");
        assertEquals("mail_failed", e.path("code").asText());
        assertTrue(e.path("message").asText().contains("127.0.0.1:" + closed), e.toString());
    }

    @Test
    void supportBundleHoldsLogsConfigAndToolsButNoSecret() throws Exception {
        String chapSecret = "chap-secret-4f9a1c2e";
        String mutual = "mutual-secret-88b3d7";
        ConfigStore store = ConfigStore.open(work.resolve("config"), 10);
        store.append(ConfigLoader.parse("{\"devices\": [{\"name\": \"d0\", \"backend\": \"null\", \"size\": \"1G\"}],"
                + "\"targets\": [{\"name\": \"iqn.2026-11.io.blockhouse:t\", \"luns\": [{\"lun\": 0, \"device\": "
                + "\"d0\"}], \"chap\": {\"user\": \"alice\", \"secret\": \"" + chapSecret + "\", \"mutualUser\": "
                + "\"tgt\", \"mutualSecret\": \"" + mutual + "\"}}]}", "test"), "seed");
        Files.writeString(work.resolve("daemon.log"), "2026-11-24 INFO daemon started\n");
        JsonNode made = call(api(false, false), 200, "POST", "/v1/host/support-bundle", "");
        Path bundle = Path.of(made.path("path").asText());
        assertTrue(bundle.startsWith(work.resolve("support")), bundle.toString());
        assertEquals(Files.size(bundle), made.path("size").asLong());

        // Download through the API, unpack with the real tar.
        JsonNode got = call(api(false, false), 200, "GET", "/v1/host/support-bundle/" + made.path("name").asText(),
                "");
        byte[] bytes = Base64.getDecoder().decode(got.path("base64").asText());
        assertEquals(Files.size(bundle), bytes.length);
        Path copy = Files.write(work.resolve("download.tar.gz"), bytes);
        Path out = Files.createDirectories(work.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", copy.toString(), "-C", out.toString()).redirectErrorStream(true)
                .start();
        String tarSaid = new String(tar.getInputStream().readAllBytes());
        assertTrue(tar.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, tar.exitValue(), tarSaid);
        for (String f : List.of("about.txt", "daemon.log", "config/gen-000001.json", "lsblk.json", "ip-addr.json",
                "dmesg.txt")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals("2026-11-24 INFO daemon started\n", Files.readString(out.resolve("daemon.log")));
        JsonNode gen = JSON.readTree(out.resolve("config/gen-000001.json").toFile());
        assertTrue(gen.toString().contains("alice"), gen.toString());
        assertTrue(gen.toString().contains("(redacted)"), gen.toString());
        try (var files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(chapSecret) || text.contains(mutual), "secret in " + f);
            }
        }
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(chapSecret));
        JsonNode list = call(api(false, false), 200, "GET", "/v1/host/support-bundle", "");
        assertEquals(made.path("name").asText(), list.get(0).path("name").asText());
        assertEquals("no_such_bundle", call(api(false, false), 404, "GET", "/v1/host/support-bundle/..%2Fetc",
                "").path("code").asText());
        assertNotNull(list);
        assertNull(settings.current().mail());
    }
}
