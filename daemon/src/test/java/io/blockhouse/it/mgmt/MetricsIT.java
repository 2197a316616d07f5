package io.blockhouse.it.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.blockhouse.it.DaemonChecks;
import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.External;
import io.blockhouse.it.Ports;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 4 of issue 3: a known amount of I/O by real initiators (the Java test initiator on a RAM LUN, exact;
 * qemu-img convert of a random image onto a file LUN), then {@code GET /metrics} on the API socket and on the TCP
 * listener: {@code promtool check metrics} accepts the text, the counters match the I/O, the sessions resource and
 * {@code blockhouse session list} show the same per-LUN counters, and the TCP listener serves nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

    static final String IQN = "iqn.2026-11.io.blockhouse.it:metrics";
    static final String CHAP_IQN = "iqn.2026-11.io.blockhouse.it:metrics-chap";
    static final int BLOCK = 512;
    /** Block counts of the Java initiator's writes to LUN 1 and of its reads (single and multi-PDU transfers). */
    static final int[] WRITES = {1, 8, 64, 128, 129, 255, 256, 511, 1024, 3, 17, 2048};
    static final int[] READS = {1, 2, 128, 256, 1024, 2048, 7};
    /** qemu-img's random image for LUN 0: not a multiple of its 64 KiB clusters, no zero blocks. */
    static final int IMAGE_BYTES = 5 * 1024 * 1024 + 7 * BLOCK;

    DaemonProcess daemon;
    int metricsPort;
    Path dir;
    BlockhouseCli cli;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        metricsPort = Ports.freePort();
        DaemonConfig config = new DaemonConfig().fileDevice("disk0", "disk0.img", "64M").ramDevice("disk1", "16M")
                .metricsListen("127.0.0.1:" + metricsPort);
        config.target(IQN).lun(0, "disk0").lun(1, "disk1");
        config.target(CHAP_IQN).chap("metrics-user", "metrics-secret-1").lun(0, "disk1");
        daemon = DaemonProcess.start(config, dir);
        cli = new BlockhouseCli(daemon.dataDir());
        // The iSCSI portal opens before the management socket: wait for the socket too.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(daemon.dataDir().resolve("blockhouse.sock")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            DaemonChecks.stopAndCheck(daemon, "MetricsIT");
        }
    }

    @Test
    @Order(1)
    void countersMatchTheIoOfTheInitiatorsAndPromtoolAcceptsTheText() throws Exception {
        Map<String, Double> before = parse(apiMetrics());
        assertEquals(0.0, before.get("blockhouse_device_write_commands_total{device=\"disk1\"}"));
        assertEquals(1.0, before.get("blockhouse_config_generation"));
        assertEquals(0.0, before.get("blockhouse_iscsi_sessions{target=\"" + IQN + "\"}"));

        long written = 0;
        long read = 0;
        Random random = new Random(4);
        try (IscsiSession session = IscsiSession.login(daemon.host(), daemon.port(),
                LoginOptions.builder().targetName(IQN).build())) {
            session.clearUnitAttention(1);
            long lba = 0;
            for (int blocks : WRITES) {
                byte[] data = new byte[blocks * BLOCK];
                random.nextBytes(data);
                ScsiOutcome w = session.write10(1, lba, data, BLOCK);
                assertTrue(w.good(), w.toString());
                lba += blocks;
                written += data.length;
            }
            for (int blocks : READS) {
                ScsiOutcome r = session.read10(1, 0, blocks, BLOCK);
                assertTrue(r.good(), r.toString());
                read += (long) blocks * BLOCK;
            }
            ScsiOutcome beyond = session.read10(1, 16L * 1024 * 1024 / BLOCK, 1, BLOCK);
            assertEquals(ScsiOutcome.CHECK_CONDITION, beyond.status(), beyond.toString());
            assertEquals(0x05, beyond.senseKey());

            String text = apiMetrics();
            promtoolAccepts(text);
            Map<String, Double> m = parse(text);
            String d1 = "{device=\"disk1\"}";
            assertEquals(WRITES.length, m.get("blockhouse_device_write_commands_total" + d1));
            assertEquals(written, m.get("blockhouse_device_written_bytes_total" + d1));
            assertEquals(READS.length + 1, m.get("blockhouse_device_read_commands_total" + d1));
            assertEquals(read, m.get("blockhouse_device_read_bytes_total" + d1));
            assertEquals(WRITES.length, m.get("blockhouse_device_write_latency_seconds_count" + d1));
            assertEquals(WRITES.length, m.get("blockhouse_device_write_latency_seconds_bucket{device=\"disk1\","
                    + "le=\"+Inf\"}"));
            assertEquals(READS.length + 1, m.get("blockhouse_device_read_latency_seconds_count" + d1));
            assertTrue(m.get("blockhouse_device_write_latency_seconds_sum" + d1) > 0);
            assertEquals(1.0, m.get("blockhouse_device_errors_total{device=\"disk1\",sense_key=\"illegal_request\"}"));
            String lun1 = "{target=\"" + IQN + "\",lun=\"1\",device=\"disk1\"}";
            assertEquals(WRITES.length, m.get("blockhouse_lun_write_commands_total" + lun1));
            assertEquals(written, m.get("blockhouse_lun_written_bytes_total" + lun1));
            assertEquals(READS.length + 1, m.get("blockhouse_lun_read_commands_total" + lun1));
            assertEquals(read, m.get("blockhouse_lun_read_bytes_total" + lun1));
            assertEquals(1.0, m.get("blockhouse_iscsi_sessions{target=\"" + IQN + "\"}"));
            assertEquals(1.0, m.get("blockhouse_iscsi_connections{target=\"" + IQN + "\"}"));
            assertEquals(0.0, m.get("blockhouse_iscsi_sessions{target=\"" + CHAP_IQN + "\"}"));
            assertEquals(1.0, m.get("blockhouse_iscsi_logins_total{session_type=\"normal\"}"));
            // Busy polling (iscsi.pollMicros, default on): half the CPUs may poll, and serving this session polled.
            int cpus = Runtime.getRuntime().availableProcessors();
            assertEquals(cpus / 2, m.get("blockhouse_iscsi_poll_max_loops").intValue());
            if (cpus >= 2) {
                assertTrue(m.get("blockhouse_iscsi_poll_hits_total") + m.get("blockhouse_iscsi_poll_misses_total") > 0,
                        "the event loop polled after the commands");
            }
            assertEquals(1.0, m.get("blockhouse_lun_info{target=\"" + IQN + "\",lun=\"1\",group=\"\","
                    + "device=\"disk1\"}"));

            // The sessions resource, through the CLI: the same counters for this session.
            JsonNode sessions = cli.ok("--json", "session", "list").json();
            JsonNode mine = null;
            for (JsonNode s : sessions) {
                if (s.path("tsih").asInt() == session.tsih()) {
                    mine = s;
                }
            }
            assertNotNull(mine, sessions.toString());
            JsonNode c = null;
            for (JsonNode l : mine.path("lunCounters")) {
                if (l.path("lun").asInt() == 1) {
                    c = l;
                }
            }
            assertNotNull(c, mine.toString());
            assertEquals("disk1", c.path("device").asText());
            assertEquals(WRITES.length, c.path("writes").asLong());
            assertEquals(written, c.path("bytesWritten").asLong());
            assertEquals(READS.length + 1, c.path("reads").asLong());
            assertEquals(read, c.path("bytesRead").asLong());
            // Errors are every CHECK CONDITION: the POWER ON unit attention(s) clearUnitAttention met, and the LBA
            // out of range; only this session has used disk1 so far.
            long unitAttentions = m.get("blockhouse_device_errors_total{device=\"disk1\","
                    + "sense_key=\"unit_attention\"}").longValue();
            assertTrue(unitAttentions >= 1, "POWER ON reported: " + unitAttentions);
            long errors = unitAttentions + 1;
            assertEquals(errors, c.path("errors").asLong());
            assertEquals(errors, m.get("blockhouse_lun_errors_total" + lun1));
            String table = cli.ok("session", "list").out();
            assertTrue(table.contains("BYTES-WRITTEN"), table);
            assertTrue(table.matches("(?s).*\\b" + session.tsih() + "\\s+1\\s+disk1\\s+" + (READS.length + 1) + "\\s+"
                    + WRITES.length + "\\s+" + read + "\\s+" + written + "\\s+" + errors + "\\b.*"), table);
            session.logout();
        }
        // The session leaves the registry when its connection has closed, just after the Logout Response.
        Map<String, Double> after = parse(apiMetrics());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (after.get("blockhouse_iscsi_sessions{target=\"" + IQN + "\"}") != 0.0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            after = parse(apiMetrics());
        }
        assertEquals(0.0, after.get("blockhouse_iscsi_sessions{target=\"" + IQN + "\"}"));
        assertEquals(written, after.get("blockhouse_lun_written_bytes_total{target=\"" + IQN + "\",lun=\"1\","
                + "device=\"disk1\"}"), "the target's LUN counters outlive the session");
    }

    @Test
    @Order(2)
    void qemuImgConvertIsCountedOnTheFileLunWithItsSpace() throws Exception {
        External.requireCommand("qemu-img");
        Path image = dir.resolve("source.img");
        byte[] data = new byte[IMAGE_BYTES];
        new Random(7).nextBytes(data);
        for (int i = 0; i < data.length; i += BLOCK) {
            data[i] |= 1; // no all-zero block: qemu must write every one rather than zero or unmap it
        }
        Files.write(image, data);
        Map<String, Double> before = parse(apiMetrics());
        run("qemu-img", "convert", "-n", "-f", "raw", "-O", "raw", image.toString(),
                "iscsi://127.0.0.1:" + daemon.port() + "/" + IQN + "/0");
        String text = apiMetrics();
        promtoolAccepts(text);
        Map<String, Double> m = parse(text);
        String d0 = "{device=\"disk0\"}";
        assertEquals((double) IMAGE_BYTES, m.get("blockhouse_device_written_bytes_total" + d0)
                - before.get("blockhouse_device_written_bytes_total" + d0));
        assertTrue(m.get("blockhouse_device_write_commands_total" + d0) >= IMAGE_BYTES / (2.0 * 1024 * 1024));
        assertEquals(m.get("blockhouse_device_write_commands_total" + d0),
                m.get("blockhouse_device_write_latency_seconds_count" + d0));
        assertEquals(64.0 * 1024 * 1024, m.get("blockhouse_device_size_bytes" + d0));
        double allocated = m.get("blockhouse_device_allocated_bytes" + d0);
        assertTrue(allocated >= IMAGE_BYTES && allocated < 64.0 * 1024 * 1024, "sparse file: " + allocated);
        assertTrue(m.get("blockhouse_device_filesystem_free_bytes" + d0) > 0);
        assertFalse(m.containsKey("blockhouse_device_allocated_bytes{device=\"disk1\"}"), "RAM has no file");
        // Reads at least what comes back when the LUN is copied out again.
        run("qemu-img", "convert", "-f", "raw", "-O", "raw", "iscsi://127.0.0.1:" + daemon.port() + "/" + IQN + "/0",
                dir.resolve("copy.img").toString());
        Map<String, Double> later = parse(apiMetrics());
        assertTrue(later.get("blockhouse_device_read_bytes_total" + d0)
                - m.get("blockhouse_device_read_bytes_total" + d0) >= IMAGE_BYTES);
        assertMonotonic(m, later);
    }

    @Test
    @Order(3)
    void failedLoginsAndChapFailuresAreCounted() throws Exception {
        Map<String, Double> before = parse(apiMetrics());
        assertThrows(IOException.class, () -> IscsiSession.login(daemon.host(), daemon.port(),
                LoginOptions.builder().targetName(CHAP_IQN).chap("metrics-user", "wrong-secret-1").build()).close());
        assertThrows(IOException.class, () -> IscsiSession.login(daemon.host(), daemon.port(),
                LoginOptions.builder().targetName("iqn.2026-11.io.blockhouse.it:none").build()).close());
        Map<String, Double> m = parse(apiMetrics());
        assertEquals(1.0, m.get("blockhouse_iscsi_chap_failures_total")
                - before.get("blockhouse_iscsi_chap_failures_total"));
        assertEquals(1.0, m.get("blockhouse_iscsi_login_failures_total{reason=\"authentication\"}")
                - before.get("blockhouse_iscsi_login_failures_total{reason=\"authentication\"}"));
        assertEquals(1.0, m.get("blockhouse_iscsi_login_failures_total{reason=\"not_found\"}")
                - before.get("blockhouse_iscsi_login_failures_total{reason=\"not_found\"}"));
        assertMonotonic(before, m);
    }

    @Test
    @Order(4)
    void theTcpListenerServesTheSameMetricsAndNothingElse() throws Exception {
        String viaTcp = tcp("GET", "/metrics", 200);
        String viaSocket = apiMetrics();
        promtoolAccepts(viaTcp);
        assertEquals(withoutClocks(viaSocket), withoutClocks(viaTcp));
        tcp("GET", "/", 404);
        tcp("GET", "/v1/sessions", 404);
        tcp("GET", "/v1/config", 404);
        tcp("POST", "/metrics", 405);
        tcp("DELETE", "/metrics", 405);
        tcp("PUT", "/v1/config", 404);
    }

    @Test
    @Order(5)
    void aLiveChangeMovesTheListener() throws Exception {
        int next = Ports.freePort();
        JsonNode current = cli.ok("--json", "config", "show").json().path("config");
        String edited = current.toString().replace("\"127.0.0.1:" + metricsPort + "\"", "\"127.0.0.1:" + next
                + "\"");
        assertFalse(edited.equals(current.toString()), current.toString());
        Path file = Files.writeString(dir.resolve("moved.json"), edited);
        cli.ok("config", "import", file.toString());
        int old = metricsPort;
        metricsPort = next;
        assertTrue(tcp("GET", "/metrics", 200).contains("blockhouse_config_generation 2\n"));
        metricsPort = old;
        assertThrows(ConnectException.class, () -> tcp("GET", "/metrics", 200));
        metricsPort = next;
    }

    // ---- helpers ----

    /** GET /metrics on the management API socket (raw HTTP/1.1 over the Unix socket). */
    private String apiMetrics() throws IOException {
        Path socket = daemon.dataDir().resolve("blockhouse.sock");
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (ch.read(buf) >= 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            String response = all.toString(StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String head = response.substring(0, end);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertTrue(head.toLowerCase().contains("content-type: text/plain; version=0.0.4"), head);
            return response.substring(end + 4);
        }
    }

    private String tcp(String method, String path, int expectedStatus) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body();
    }

    /** "name{labels}" to value for every sample line. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String value = line.substring(space + 1);
            samples.put(line.substring(0, space), value.equals("+Inf") ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(value));
        }
        return samples;
    }

    /** Every counter sample of {@code before} is still there and not smaller. */
    private static void assertMonotonic(Map<String, Double> before, Map<String, Double> after) {
        before.forEach((key, value) -> {
            if (key.contains("_total") || key.contains("_bucket") || key.contains("_count")) {
                assertNotNull(after.get(key), key + " vanished");
                assertTrue(after.get(key) >= value, key + " went back from " + value + " to " + after.get(key));
            }
        });
    }

    /**
     * The exposition without the samples that change by themselves between two scrapes: the uptime, and the free
     * space of a file system other processes write to.
     */
    private static String withoutClocks(String text) {
        return text.replaceAll("(?m)^(blockhouse_uptime_seconds|blockhouse_device_filesystem_free_bytes)[ {].*$", "");
    }

    /** promtool check metrics reads the text on stdin and is silent (exit 0) when it has nothing to say. */
    private static void promtoolAccepts(String text) throws Exception {
        Path promtool = External.requireCommand("promtool");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool hung");
        assertEquals(0, p.exitValue(), "promtool check metrics: " + out + "\n" + text);
        assertEquals("", out.strip(), out);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }
}
