package io.blockhouse.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.DaemonChecks;
import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.External;
import io.blockhouse.it.IscsiInq;
import io.blockhouse.it.initiator.IscsiConnection;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginException;
import io.blockhouse.it.initiator.LoginOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, Done-when 4 (the iSCSI half) against the packaged daemon with libiscsi's tools as the initiator: an
 * initiator in no ACL neither discovers nor logs in to a target that has only group LUNs; repeated CHAP failures
 * from one source address get that address refused (the right secret included) while other addresses still log in;
 * the log names each failure without any secret; the config store holding CHAP secrets is owner-only; discovery can
 * require CHAP.
 */
class AccessControlIT {

    static final String TARGET = "iqn.2026-11.io.blockhouse.it:acl";
    static final String MEMBER = "iqn.2026-11.io.blockhouse.it:member";
    static final String STRANGER = "iqn.2026-11.io.blockhouse.it:stranger";
    static final String USER = "acl-user";
    static final String SECRET = "acl-secret-0123";
    static final String WRONG_SECRET = "wrong-guess-987";
    static final String DISCOVERY_USER = "disco-user";
    static final String DISCOVERY_SECRET = "disco-secret-456";

    @Test
    void anInitiatorInNoAclNeitherDiscoversNorLogsInToAGroupOnlyTarget(@TempDir Path dir) throws Exception {
        DaemonConfig config = new DaemonConfig().ramDevice("disk0", "16M");
        config.target(TARGET).group("hosts", List.of(MEMBER)).lun(0, "disk0");
        DaemonProcess daemon = DaemonProcess.start(config, dir);
        try {
            String portal = "iscsi://127.0.0.1:" + daemon.port();
            String member = run("iscsi-ls", "-s", "-i", MEMBER, portal);
            assertTrue(member.contains("Target:" + TARGET), member);
            assertTrue(member.contains("Lun:0"), member);
            String stranger = run("iscsi-ls", "-s", "-i", STRANGER, portal);
            assertFalse(stranger.contains(TARGET), "SendTargets showed the target to an initiator in no ACL:\n"
                    + stranger);
            assertFalse(stranger.contains("Lun:"), stranger);

            IscsiInq.Result admitted = IscsiInq.run(MEMBER, IscsiInq.url(daemon.host(), daemon.port(), TARGET, 0,
                    null, null, null, null));
            assertTrue(admitted.succeeded(), admitted.output());
            IscsiInq.Result refused = IscsiInq.run(STRANGER, IscsiInq.url(daemon.host(), daemon.port(), TARGET, 0,
                    null, null, null, null));
            assertFalse(refused.succeeded(), "iscsi-inq logged in as an initiator in no ACL:\n" + refused.output());

            // The refusal is the login's own (authorization failure, class 2 detail 2), not a later SCSI error.
            LoginException e = assertThrows(LoginException.class, () -> IscsiSession.login(daemon.host(),
                    daemon.port(), LoginOptions.builder().initiatorName(STRANGER).targetName(TARGET).build()));
            assertEquals(2, e.statusClass(), e.getMessage());
            assertEquals(2, e.statusDetail(), e.getMessage());
            String log = daemon.logText();
            assertTrue(log.contains(STRANGER + " may not access " + TARGET), "refusal not logged");
        } finally {
            DaemonChecks.stopAndCheck(daemon, "AccessControlIT-acl");
        }
    }

    @Test
    void chapFailuresAreLimitedPerSourceAddressAndLoggedWithoutSecrets(@TempDir Path dir) throws Exception {
        DaemonConfig config = new DaemonConfig().ramDevice("disk0", "16M");
        config.target(TARGET).chap(USER, SECRET).lun(0, "disk0");
        DaemonProcess daemon = DaemonProcess.start(config, dir);
        try {
            String right = IscsiInq.url(daemon.host(), daemon.port(), TARGET, 0, USER, SECRET, null, null);
            String wrong = IscsiInq.url(daemon.host(), daemon.port(), TARGET, 0, USER, WRONG_SECRET, null, null);
            assertTrue(IscsiInq.run(MEMBER, right).succeeded(), "the right secret must work before any failure");

            // Five wrong guesses from 127.0.0.1 (libiscsi) block that address...
            for (int i = 1; i <= 5; i++) {
                IscsiInq.Result guess = IscsiInq.run(MEMBER, wrong);
                assertFalse(guess.succeeded(), "wrong secret accepted on try " + i + ":\n" + guess.output());
            }
            // ...so now even the right secret is refused from it,
            IscsiInq.Result blocked = IscsiInq.run(MEMBER, right);
            assertFalse(blocked.succeeded(), "right secret accepted from a blocked address:\n" + blocked.output());
            // while another source address (127.0.0.2, also loopback) still logs in with the right secret.
            try (IscsiSession other = loginFrom(InetAddress.getByName("127.0.0.2"), daemon, SECRET)) {
                other.clearUnitAttention(0);
            }
            // Its wrong guesses count against it alone: four do not block it, and the fifth does.
            for (int i = 1; i <= 5; i++) {
                LoginException e = assertThrows(LoginException.class,
                        () -> loginFrom(InetAddress.getByName("127.0.0.2"), daemon, WRONG_SECRET));
                assertTrue(e.isAuthenticationFailure(), e.getMessage());
            }
            LoginException e = assertThrows(LoginException.class,
                    () -> loginFrom(InetAddress.getByName("127.0.0.2"), daemon, SECRET));
            assertTrue(e.isAuthenticationFailure(), e.getMessage());

            String log = daemon.logText();
            assertTrue(count(log, "CHAP authentication failed for initiator " + MEMBER + " from 127.0.0.1") >= 6,
                    "each failure logged with initiator and address:\n" + daemon.logTail(40));
            assertTrue(log.contains("5 failed CHAP logins from 127.0.0.1 within a minute: refusing CHAP from it"),
                    daemon.logTail(40));
            assertTrue(log.contains("5 failed CHAP logins from 127.0.0.2 within a minute: refusing CHAP from it"),
                    daemon.logTail(40));
            assertTrue(log.contains("CHAP from 127.0.0.1 refused for another"), daemon.logTail(40));
            assertFalse(log.contains(SECRET), "the CHAP secret is in the daemon log");
            assertFalse(log.contains(WRONG_SECRET), "a guessed secret is in the daemon log");
        } finally {
            DaemonChecks.stopAndCheck(daemon, "AccessControlIT-chap");
            assertFalse(daemon.logText().contains(SECRET), "the CHAP secret is in the daemon log (shutdown)");
        }
    }

    @Test
    void theConfigStoreHoldingChapSecretsIsOwnerOnly(@TempDir Path dir) throws Exception {
        DaemonConfig config = new DaemonConfig().ramDevice("disk0", "16M");
        config.target(TARGET).chap(USER, SECRET).mutualChap("acl-target", "acl-target-789").lun(0, "disk0");
        config.set("discoveryChap", Map.of("user", DISCOVERY_USER, "secret", DISCOVERY_SECRET));
        DaemonProcess daemon = DaemonProcess.start(config, dir);
        try {
            awaitManagementApi(daemon);
            Path store = daemon.dataDir().resolve("config");
            List<Path> generations = new ArrayList<>();
            try (Stream<Path> files = Files.list(store)) {
                files.filter(f -> f.getFileName().toString().matches("gen-\\d+\\.json")).forEach(generations::add);
            }
            assertFalse(generations.isEmpty(), "no generation in " + store);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
            for (Path generation : generations) {
                assertTrue(Files.readString(generation).contains(SECRET), "the check matters: " + generation
                        + " holds the CHAP secret");
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generation)),
                        generation.toString());
            }
        } finally {
            DaemonChecks.stopAndCheck(daemon, "AccessControlIT-store");
        }
    }

    @Test
    void discoveryCanRequireChap(@TempDir Path dir) throws Exception {
        DaemonConfig config = new DaemonConfig().ramDevice("disk0", "16M");
        config.target(TARGET).lun(0, "disk0");
        config.set("discoveryChap", Map.of("user", DISCOVERY_USER, "secret", DISCOVERY_SECRET));
        DaemonProcess daemon = DaemonProcess.start(config, dir);
        try {
            String without = run("iscsi-ls", "-i", MEMBER, "iscsi://127.0.0.1:" + daemon.port());
            assertFalse(without.contains(TARGET), "discovery without CHAP listed the target:\n" + without);
            String wrong = run("iscsi-ls", "-i", MEMBER, "iscsi://" + DISCOVERY_USER + "%" + WRONG_SECRET
                    + "@127.0.0.1:" + daemon.port());
            assertFalse(wrong.contains(TARGET), "discovery with a wrong secret listed the target:\n" + wrong);
            String with = run("iscsi-ls", "-i", MEMBER, "iscsi://" + DISCOVERY_USER + "%" + DISCOVERY_SECRET
                    + "@127.0.0.1:" + daemon.port());
            assertTrue(with.contains("Target:" + TARGET), with);
            // Discovery CHAP guards SendTargets only: the target itself has no CHAP and still admits a normal login.
            assertTrue(IscsiInq.run(MEMBER, IscsiInq.url(daemon.host(), daemon.port(), TARGET, 0, null, null, null,
                    null)).succeeded());
        } finally {
            DaemonChecks.stopAndCheck(daemon, "AccessControlIT-discovery");
        }
    }

    private static IscsiSession loginFrom(InetAddress source, DaemonProcess daemon, String secret)
            throws IOException {
        LoginOptions options = LoginOptions.builder().initiatorName(MEMBER).targetName(TARGET).chap(USER, secret)
                .build();
        IscsiConnection connection = IscsiConnection.open(daemon.host(), daemon.port(), Duration.ofSeconds(10),
                source);
        try {
            return IscsiSession.login(connection, options);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The daemon listens on iSCSI before its API is up; stopping it before that is not what this test is about. */
    private static void awaitManagementApi(DaemonProcess daemon) throws InterruptedException {
        Path socket = daemon.dataDir().resolve("blockhouse.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(socket), "management API did not come up");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    /** Runs a libiscsi tool (30 s bound) and returns its combined output, whatever its exit code. */
    private static String run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(External.requireCommand(tool).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " hung");
        }
        return output;
    }
}
