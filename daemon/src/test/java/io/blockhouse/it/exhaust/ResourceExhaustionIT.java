package io.blockhouse.it.exhaust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.DaemonChecks;
import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.initiator.IscsiConnection;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginException;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.ScsiOutcome;
import io.blockhouse.it.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Too many connections, sessions and commands against the packaged daemon running in a small heap ({@value #HEAP}):
 * a flood of connections that never log in is cut to {@code maxLoginsInProgress} at once and the rest expire after
 * the login timeout; a login beyond {@code maxSessions} fails with 03/02 "out of resources"; and {@value #SESSIONS}
 * sessions writing 1 MiB commands at queue depth {@value #DEPTH} (several times the heap in flight) end with every
 * command answered GOOD, TASK SET FULL or BUSY, no OutOfMemoryError, and every byte read back.
 *
 * <p>{@code -Dblockhouse.it.exhaust.writesPerSession=N} makes the storm longer (default {@value #WRITES});
 * {@code -Dblockhouse.it.exhaust.writeBufferMiB=4096} runs the control experiment with the budget out of the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResourceExhaustionIT {
    static final String IQN = "iqn.2026-11.io.blockhouse.it:exhaust";
    static final String HEAP = "-Xmx96m";
    static final int SESSIONS = 12;
    static final int DEPTH = 32;
    static final int WRITES = 32;
    static final int MAX_SESSIONS = 14;
    static final int MAX_LOGINS = 8;
    /** Longer than the 8 x 0.5 s the test takes to tell admitted from refused connections. */
    static final int LOGIN_TIMEOUT = 6;
    static final int WRITE_BUFFER_MIB = 16;
    static final int MIB = 1 << 20;
    static final int BLOCK = 512;

    private int metricsPort;
    private final int writesPerSession = Integer.getInteger("blockhouse.it.exhaust.writesPerSession", WRITES);
    /** The control experiment: a budget far above the heap shows what the budget prevents. */
    private final int writeBufferMiB = Integer.getInteger("blockhouse.it.exhaust.writeBufferMiB", WRITE_BUFFER_MIB);
    private DaemonProcess daemon;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        long diskBytes = (long) SESSIONS * writesPerSession * MIB;
        DaemonConfig config = new DaemonConfig().iscsi("queueDepth", DEPTH).iscsi("maxSessions", MAX_SESSIONS)
                .iscsi("maxLoginsInProgress", MAX_LOGINS).iscsi("loginTimeoutSeconds", LOGIN_TIMEOUT)
                .iscsi("writeBufferMiB", writeBufferMiB).iscsi("maxRecvDataSegmentLength", 262144)
                .iscsi("firstBurstLength", 262144).iscsi("maxBurstLength", MIB)
                .fileDevice("disk0", "disk0.img", (diskBytes >> 20) + "M");
        config.target(IQN).lun(0, "disk0");
        metricsPort = Ports.freePort();
        config.metricsListen("127.0.0.1:" + metricsPort);
        daemon = DaemonProcess.startWithJvmOptions(config, dir, List.of(HEAP));
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            String log = daemon.logText();
            assertFalse(log.contains("OutOfMemoryError"), "the daemon ran out of memory:\n" + daemon.logTail(80));
            DaemonChecks.stopAndCheck(daemon, "ResourceExhaustionIT");
        }
    }

    /** One unlabelled sample of the daemon's metrics. */
    private long metric(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        for (String line : r.body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return (long) Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " missing from the metrics");
    }

    private IscsiSession login(String initiator) throws IOException {
        return IscsiSession.login(daemon.host(), daemon.port(), LoginOptions.builder().targetName(IQN)
                .initiatorName(initiator).timeout(Duration.ofSeconds(30)).build());
    }

    @Test
    @Order(1)
    void aFloodOfConnectionsThatNeverLogInIsBounded() throws Exception {
        assertEquals(0, metric("blockhouse_iscsi_logins_in_progress"));
        List<IscsiConnection> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 5 * MAX_LOGINS; i++) {
                flood.add(IscsiConnection.open(daemon.host(), daemon.port(), Duration.ofSeconds(5)));
            }
            // Which connections got the slots depends on the event loops; count, do not pick.
            List<IscsiConnection> admitted = new ArrayList<>();
            for (IscsiConnection c : flood) {
                if (!c.awaitClosed(Duration.ofMillis(500))) {
                    admitted.add(c);
                }
            }
            assertEquals(4 * MAX_LOGINS, metric("blockhouse_iscsi_refused_connections_total"),
                    "connections beyond maxLoginsInProgress are closed at accept");
            assertEquals(MAX_LOGINS, admitted.size(), "the others stay open for their login");
            int expired = 0;
            for (IscsiConnection c : admitted) {
                expired += c.awaitClosed(Duration.ofSeconds(3 * LOGIN_TIMEOUT)) ? 1 : 0;
            }
            assertEquals(MAX_LOGINS, expired, "the admitted ones are closed by the login timeout");
        } finally {
            for (IscsiConnection c : flood) {
                c.close();
            }
        }
        try (IscsiSession s = login("iqn.2026-11.io.blockhouse.it:after-flood")) {
            assertTrue(s.tsih() != 0, "logins work again once the flood is gone");
        }
        daemon.assertAlive();
    }

    @Test
    @Order(2)
    void aLoginBeyondTheSessionLimitIsOutOfResources() throws Exception {
        List<IscsiSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_SESSIONS; i++) {
                sessions.add(login("iqn.2026-11.io.blockhouse.it:s" + i));
            }
            LoginException refused = assertThrows(LoginException.class,
                    () -> login("iqn.2026-11.io.blockhouse.it:one-too-many").close());
            assertEquals(0x03, refused.statusClass(), refused.getMessage());
            assertEquals(0x02, refused.statusDetail(), "Out of resources");
            sessions.remove(0).close();
            try (IscsiSession again = login("iqn.2026-11.io.blockhouse.it:one-too-many")) {
                assertTrue(again.tsih() != 0, "a closed session makes room");
            }
        } finally {
            for (IscsiSession s : sessions) {
                s.close();
            }
        }
    }

    /** 1 MiB of data that names its session and write, so a misplaced or mixed-up block is seen. */
    private static byte[] payload(int session, int index) {
        ByteBuffer b = ByteBuffer.allocate(MIB);
        long seed = ((long) session << 32) | index;
        while (b.hasRemaining()) {
            b.putLong(seed ^ (b.position() * 0x9E3779B97F4A7C15L));
        }
        return b.array();
    }

    private static long lbaOf(int session, int index, int writesPerSession) {
        return ((long) session * writesPerSession + index) * (MIB / BLOCK);
    }

    @Test
    @Order(3)
    void manySessionsWritingAtFullDepthInASmallHeapAreAnsweredAndNothingIsLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        List<Future<PipelinedWriter.Outcome>> outcomes = new ArrayList<>();
        List<IscsiSession> sessions = new ArrayList<>();
        try {
            // One login after the other: maxLoginsInProgress is below SESSIONS.
            for (int s = 0; s < SESSIONS; s++) {
                sessions.add(stormSession(s));
            }
        } catch (IOException | RuntimeException e) {
            for (IscsiSession s : sessions) {
                s.connection().close();
            }
            throw e;
        }
        long started = System.nanoTime();
        try {
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                outcomes.add(pool.submit(() -> storm(sessions.get(session), session)));
            }
            int good = 0;
            int taskSetFull = 0;
            int busy = 0;
            for (Future<PipelinedWriter.Outcome> f : outcomes) {
                PipelinedWriter.Outcome o = f.get(120, TimeUnit.SECONDS);
                good += o.good();
                taskSetFull += o.taskSetFull();
                busy += o.busy();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("ResourceExhaustionIT: %d sessions x %d writes of 1 MiB at depth %d (%d MiB in flight"
                    + " asked, heap %s, write buffer %d MiB): %d GOOD, %d TASK SET FULL, %d BUSY in %d ms%n",
                    SESSIONS, writesPerSession, DEPTH, SESSIONS * DEPTH, HEAP, writeBufferMiB, good, taskSetFull,
                    busy, millis);
            assertEquals(SESSIONS * writesPerSession, good, "every write ended GOOD (after retries)");
        } finally {
            pool.shutdownNow();
        }
        daemon.assertAlive();
        long peak = metric("blockhouse_iscsi_write_buffer_peak_bytes");
        System.out.printf("ResourceExhaustionIT: write buffer peak %d MiB of %d MiB; %d writes refused, %d delayed%n",
                peak >> 20, writeBufferMiB, metric("blockhouse_iscsi_write_buffer_refused_total"),
                metric("blockhouse_iscsi_write_buffer_delayed_total"));
        assertTrue(peak <= (long) writeBufferMiB << 20, "the budget was never exceeded: " + peak);
        assertEquals(0, metric("blockhouse_iscsi_write_buffer_bytes"), "every buffered byte came back");
        try (IscsiSession verify = login("iqn.2026-11.io.blockhouse.it:verify")) {
            verify.clearUnitAttention(0);
            for (int s = 0; s < SESSIONS; s++) {
                for (int i = 0; i < writesPerSession; i++) {
                    ScsiOutcome read = verify.read10(0, lbaOf(s, i, writesPerSession), MIB / BLOCK, BLOCK);
                    assertTrue(read.good(), read.toString());
                    assertArrayEquals(payload(s, i), read.data(), "session " + s + " write " + i);
                }
            }
        }
    }

    private IscsiSession stormSession(int session) throws IOException {
        // Half the sessions send data unasked (immediate + unsolicited: refused when the buffer is used up), half
        // only when asked (their R2Ts wait for the buffer instead).
        boolean unasked = session % 2 == 0;
        LoginOptions options = LoginOptions.builder().targetName(IQN)
                .initiatorName("iqn.2026-11.io.blockhouse.it:storm" + session).immediateData(unasked)
                .initialR2T(!unasked).firstBurstLength(262144).maxBurstLength(MIB)
                .maxRecvDataSegmentLength(262144).timeout(Duration.ofSeconds(60)).build();
        IscsiSession s = IscsiSession.login(daemon.host(), daemon.port(), options);
        s.clearUnitAttention(0);
        return s;
    }

    private PipelinedWriter.Outcome storm(IscsiSession s, int session) throws IOException {
        try {
            List<PipelinedWriter.Write> writes = new ArrayList<>();
            for (int i = 0; i < writesPerSession; i++) {
                writes.add(new PipelinedWriter.Write(lbaOf(session, i, writesPerSession), payload(session, i)));
            }
            return new PipelinedWriter(s, 0, BLOCK).run(writes, DEPTH);
        } finally {
            s.connection().close(); // the writer took over the sequence numbers: no logout on stale ones
        }
    }
}
