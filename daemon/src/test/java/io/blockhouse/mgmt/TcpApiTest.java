package io.blockhouse.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.ConfigLoader;
import io.blockhouse.mgmt.client.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's TCP listener in-process, through the shared client (the CLI's and TUI's): TLS only, the bearer token on
 * every request, per-address blocking, and live changes of the "api" section that start, move, re-key and stop the
 * listener as one configuration change (the target side is a recorder).
 */
class TcpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TlsFixture tls;
    ConfigStore store;
    ApiServer server;
    final List<BlockhouseConfig> applied = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        tls = TlsFixture.create(dir);
        store = ConfigStore.open(dir.resolve("config"), 10);
        String listen = "127.0.0.1:" + freePort();
        BlockhouseConfig seed = ConfigLoader.parse("""
                {"devices": [{"name": "disk0", "backend": "null", "size": "1G"}], "api": %s}"""
                .formatted(tls.apiJson(listen)), "seed");
        ConfigGeneration first = store.append(seed, "seed");
        ApiSectionApplier live = new ApiSectionApplier(new LiveApplier() {
            @Override
            public void apply(BlockhouseConfig from, BlockhouseConfig to, boolean force) {
                applied.add(to);
            }

            @Override
            public List<SessionInfo> sessions() {
                return List.of();
            }
        });
        ConfigService service = new ConfigService(store, first, live, new ConfigEdits(dir, List.of()));
        server = ApiServer.start(dir.resolve(ApiServer.SOCKET_NAME), service, seed.api());
        live.attach(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String url() {
        return "https://127.0.0.1:" + server.tcpAddress().getPort();
    }

    private ApiClient remote(Path tokenFile) throws Exception {
        return ApiClient.https(url(), tokenFile, tls.certificate);
    }

    private ApiClient local() {
        return ApiClient.unixSocket(dir.resolve(ApiServer.SOCKET_NAME));
    }

    private static String code(ApiClient.Response r) throws IOException {
        return JSON.readTree(r.body()).path("code").asText();
    }

    @Test
    void theRightTokenOverTlsServesTheSameRoutesAsTheSocket() throws Exception {
        ApiClient api = remote(tls.tokenFile);
        ApiClient.Response r = api.get("/v1/devices");
        assertEquals(200, r.status(), r.body());
        assertEquals(local().get("/v1/devices").body(), r.body());
        r = api.send("POST", "/v1/devices", "{\"name\": \"disk1\", \"backend\": \"ram\", \"size\": \"8M\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("device add disk1", JSON.readTree(r.body()).path("summary").asText());
        assertEquals(2, store.latest().orElseThrow().number());
    }

    @Test
    void missingAndWrongTokensAreRefusedWithStableCodes() throws Exception {
        Path wrong = TlsFixture.writeToken(dir.resolve("wrong"), "not-the-token-0123456789");
        ApiClient.Response r = remote(wrong).send("POST", "/v1/devices",
                "{\"name\": \"disk1\", \"backend\": \"ram\", \"size\": \"8M\"}");
        assertEquals(401, r.status());
        assertEquals("token_invalid", code(r));
        assertEquals(1, store.latest().orElseThrow().number(), "nothing changed");
        assertEquals(401, rawTlsRequest("GET /v1/devices HTTP/1.1\r\nHost: x\r\n\r\n").status());
        assertEquals("token_required", code(rawTlsRequest("GET /v1/devices HTTP/1.1\r\nHost: x\r\n\r\n")));
        assertEquals("token_required", code(rawTlsRequest("GET /v1/devices HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Basic " + tls.token + "\r\n\r\n")), "only the Bearer scheme counts");
    }

    @Test
    void fiveFailuresBlockTheAddressEvenForTheRightToken() throws Exception {
        Path wrong = TlsFixture.writeToken(dir.resolve("wrong"), "not-the-token-0123456789");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, remote(wrong).get("/v1/devices").status());
        }
        ApiClient.Response r = remote(tls.tokenFile).get("/v1/devices");
        assertEquals(429, r.status());
        assertEquals("too_many_failures", code(r));
        assertEquals(200, local().get("/v1/devices").status(), "the socket is not rate-limited");
    }

    @Test
    void plainHttpIsNeverServed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.tcpAddress().getPort())) {
            s.getOutputStream().write(("GET /v1/devices HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + tls.token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] answer = s.getInputStream().readAllBytes();
            assertFalse(new String(answer, StandardCharsets.ISO_8859_1).contains("HTTP/"),
                    "plain HTTP got an HTTP answer");
        }
    }

    @Test
    void tokenFileRewriteRotatesTheToken() throws Exception {
        assertEquals(200, remote(tls.tokenFile).get("/v1/devices").status());
        Path old = TlsFixture.writeToken(dir.resolve("old"), tls.token);
        TlsFixture.writeToken(tls.tokenFile, "rotated-token-0123456789-xyz");
        Files.setLastModifiedTime(tls.tokenFile, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(200, remote(tls.tokenFile).get("/v1/devices").status());
        assertEquals(401, remote(old).get("/v1/devices").status());
    }

    @Test
    void apiSectionChangesLive() throws Exception {
        int first = server.tcpAddress().getPort();
        int second = freePort();
        ApiClient.Response r = local().send("PUT", "/v1/config/api", tls.apiJson("127.0.0.1:" + second));
        assertEquals(200, r.status(), r.body());
        assertEquals(second, server.tcpAddress().getPort());
        assertTrue(applied.isEmpty(), "an api-only change does not touch the target");
        assertEquals(200, remote(tls.tokenFile).get("/v1/devices").status());
        assertThrows(ApiClient.UnreachableException.class,
                () -> ApiClient.https("https://127.0.0.1:" + first, tls.tokenFile, tls.certificate)
                        .get("/v1/devices"));
        assertConnectRefused(first);

        r = local().send("PUT", "/v1/config/api", tls.apiJson("127.0.0.1:" + second).replace(
                tls.privateKey.toString(), dir.resolve("nokey.pem").toString()));
        assertEquals(400, r.status());
        assertEquals("invalid_config", code(r));
        assertTrue(r.body().contains("api.tcp.privateKey"), r.body());
        assertEquals(200, remote(tls.tokenFile).get("/v1/devices").status(), "a refused change changes nothing");

        r = remote(tls.tokenFile).send("DELETE", "/v1/config/api", null);
        assertEquals(200, r.status(), "answered on the listener it closes: " + r.body());
        assertNull(server.tcpAddress());
        assertConnectRefused(second);
        JsonNode config = JSON.readTree(local().get("/v1/config").body()).path("config");
        assertFalse(config.has("api"), config.toString());
    }

    @Test
    void aRollbackKeepsTheApiSection() throws Exception {
        assertEquals(200, local().send("POST", "/v1/devices",
                "{\"name\": \"disk1\", \"backend\": \"ram\", \"size\": \"8M\"}").status());
        assertEquals(200, local().send("POST", "/v1/config/rollback", "{\"generation\": 1}").status());
        assertEquals(200, remote(tls.tokenFile).get("/v1/devices").status());
    }

    @Test
    void unusableMaterialIsRefusedAtStartNamingEachField() throws Exception {
        Files.writeString(dir.resolve("bad-cert.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Files.setPosixFilePermissions(tls.tokenFile, java.nio.file.attribute.PosixFilePermissions.fromString(
                "rw-r--r--"));
        BlockhouseConfig bad = ConfigLoader.parse("{\"api\": " + tls.apiJson("127.0.0.1:" + freePort())
                .replace(tls.certificate.toString(), dir.resolve("bad-cert.pem").toString())
                .replace(tls.privateKey.toString(), dir.resolve("missing.pem").toString()) + "}", "test");
        ConfigException e = assertThrows(ConfigException.class, () -> TcpApiSecurity.load(bad.api().tcp()));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("api.tcp.certificate: "), e.problems().toString());
        assertTrue(e.problems().get(1).startsWith("api.tcp.privateKey: "), e.problems().toString());
        assertTrue(e.problems().get(2).startsWith("api.tcp.tokenFile: "), e.problems().toString());
        assertFalse(e.getMessage().contains(tls.token));
    }

    @Test
    void aKeyThatIsNotPkcs8OrDoesNotMatchIsRefused() throws Exception {
        TlsFixture other = TlsFixture.create(Files.createDirectory(dir.resolve("other")));
        BlockhouseConfig mismatched = ConfigLoader.parse("{\"api\": " + tls.apiJson("127.0.0.1:1")
                .replace(tls.privateKey.toString(), other.privateKey.toString()) + "}", "test");
        ConfigException e = assertThrows(ConfigException.class, () -> TcpApiSecurity.load(mismatched.api().tcp()));
        assertTrue(e.problems().get(0).startsWith("api.tcp.privateKey: "), e.problems().toString());
    }

    private static void assertConnectRefused(int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        });
    }

    /** A TLS request written by hand (headers the shared client would never send). */
    private ApiClient.Response rawTlsRequest(String request) throws Exception {
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(tls.certificate)) {
            ks.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        ctx.init(null, tmf.getTrustManagers(), null);
        try (Socket s = ctx.getSocketFactory().createSocket("127.0.0.1", server.tcpAddress().getPort())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new ApiClient.Response(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }
}
