package io.blockhouse.it.realinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.External;
import io.blockhouse.it.Ports;
import io.blockhouse.kernel.testing.Commands;
import io.blockhouse.kernel.testing.LoopDevice;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libiscsi's conformance suite, {@code iscsi-test-cu -d -S -v -t ALL}, with a multipath URL pair (the same LUN
 * through two portals of one daemon) against a file LUN, a RAM LUN and a loop-device block LUN: every run must go to
 * the end with the daemon alive and leak-free, only the skips in {@link #FIXED_DISK_SKIPS} are allowed, and a test
 * cu-score counts failed passes the gate only when it is one of {@link #DOCUMENTED_FAILURES} and its log shows the
 * documented cause (docs/CONFORMANCE.md explains each). The ReadOnly suite runs against a read-only LUN. Per-suite
 * scores are written to target/conformance/ for docs/CONFORMANCE.md.
 */
class ConformanceIT {

    private static final Logger log = LoggerFactory.getLogger(ConformanceIT.class);
    private static final String TARGET = "iqn.2026-11.io.blockhouse:conformance";
    private static final String TARGET_PREFIX = "iqn.2026-11.io.blockhouse:conformance-";
    private static final String LUN_SIZE = "256M";
    /** Every test of libiscsi 1.19's ALL family ran (and was scored). */
    private static final int ALL_TESTS = 230;

    /**
     * Tests that do not apply to a fixed, writable, unencrypted disk, so they skip on every back-end: removable
     * media (RMB=0), a write-protected unit (covered by the read-only LUN run), cryptographic erase (nothing is
     * encrypted; Readonly and Reservations also probe it and print its skip).
     */
    static final Set<String> FIXED_DISK_SKIPS = Set.of(
            "PreventAllow.2ITNexuses", "PreventAllow.ColdReset", "PreventAllow.Eject", "PreventAllow.ITNexusLoss",
            "PreventAllow.LUNReset", "PreventAllow.Logout", "PreventAllow.Simple", "PreventAllow.WarmReset",
            "StartStopUnit.Simple", "ReadOnly.ReadOnlySBC",
            "Sanitize.CryptoErase", "Sanitize.Readonly", "Sanitize.Reservations");

    /** A raw block device cannot tell which blocks are deallocated, so it cannot prove a BLOCK ERASE: not offered. */
    static final Set<String> BLOCK_DEVICE_SKIPS = Set.of("Sanitize.BlockErase");

    private static final String DATASN_INVALID = "iSCSIdatasn.iSCSIDataSnInvalid";

    /**
     * Tests cu-score counts failed although the target does what the standard asks, each with the evidence its log
     * must show (docs/CONFORMANCE.md, "Failures that are not"). Any other failure, or one of these without its
     * evidence, fails the build.
     */
    static final Map<String, Predicate<String>> DOCUMENTED_FAILURES = documentedFailures();

    /** Tests that still fail for a reason of ours (docs/CONFORMANCE.md): only these may fail without evidence. */
    static final Set<String> KNOWN_FAILURES = Set.of();

    @TempDir
    Path work;

    /** One back-end under test: its target name and the skips it is allowed. */
    record Backend(String name, Set<String> allowedSkips) {
        String target() {
            return TARGET_PREFIX + name;
        }
    }

    @Test
    void libiscsiConformanceOnFileRamAndBlockBackends() throws Exception {
        External.requireCommand("iscsi-test-cu");
        LoopDevice.requireAvailable();
        Path data = Files.createDirectories(work.resolve("data"));
        try (RandomAccessFile ro = new RandomAccessFile(data.resolve("readonly.img").toFile(), "rw")) {
            ro.setLength(64L << 20);
        }
        Path outDir = Files.createDirectories(Path.of("target", "conformance"));
        try (LoopDevice loop = LoopDevice.create(work.resolve("block.img"), 256L << 20, 512)) {
            DaemonConfig config = new DaemonConfig();
            // 512-byte logical blocks on 4096-byte physical ones (a 512e disk), so the LBPPB > 1 cases run too.
            config.device("file", "file").put("path", "disk.img").put("size", LUN_SIZE).put("physicalBlockSize", 4096);
            config.device("ram", "ram").put("size", LUN_SIZE).put("physicalBlockSize", 4096);
            config.device("block", "block").put("path", loop.device().toString()).put("physicalBlockSize", 4096);
            config.device("ro", "file").put("path", "readonly.img").put("readOnly", true);
            List<Backend> backends = List.of(new Backend("file", FIXED_DISK_SKIPS),
                    new Backend("ram", FIXED_DISK_SKIPS), new Backend("block", union(FIXED_DISK_SKIPS,
                            BLOCK_DEVICE_SKIPS)));
            for (Backend b : backends) {
                config.target(b.target()).lun(0, b.name());
            }
            config.target(TARGET).lun(1, "ro");
            int secondPortal = Ports.freePort();
            try (DaemonProcess daemon = DaemonProcess.startOnPorts(config, work, Ports.freePort(), secondPortal)) {
                StringBuilder score = new StringBuilder();
                List<String> problems = new ArrayList<>();
                for (Backend b : backends) {
                    CuScore all = run(outDir.resolve("iscsi-test-cu-ALL-" + b.name() + ".log"), "-d", "-S", "-v",
                            "-t", "ALL", url(daemon.port(), b.target(), 0), url(secondPortal, b.target(), 0));
                    score.append("## -t ALL, ").append(b.name()).append(" LUN, multipath URL pair\n\n")
                            .append(all.table()).append('\n');
                    log.info("iscsi-test-cu ALL on {}: passed={} skipped={} failed={}", b.name(),
                            all.count(CuScore.Verdict.PASSED), all.count(CuScore.Verdict.SKIPPED),
                            all.count(CuScore.Verdict.FAILED));
                    problems.addAll(gate(b, all));
                    daemon.assertAlive();
                }
                CuScore readOnly = run(outDir.resolve("iscsi-test-cu-ReadOnly.log"), "-d", "-v", "-t",
                        "SCSI.ReadOnly", url(daemon.port(), TARGET, 1));
                score.append("## -t SCSI.ReadOnly, read-only file LUN\n\n").append(readOnly.table());
                Files.writeString(outDir.resolve("score.md"), score.toString());
                assertEquals(List.of(), problems, "conformance gate, logs in " + outDir.toAbsolutePath());
                assertEquals(List.of("ReadOnly.ReadOnlySBC"), List.copyOf(readOnly.verdicts().keySet()));
                assertTrue(readOnly.cunitPassed("ReadOnly.ReadOnlySBC"), "ReadOnly on the read-only LUN:\n"
                        + readOnly.body("ReadOnly.ReadOnlySBC"));
                daemon.assertAlive();
                daemon.close();
                daemon.assertNoLeaks();
            }
        }
    }

    /**
     * The MultipathIO suite with a multipath URL pair: one target on two portals that port groups make two target
     * ports (group 1 active/optimized and preferred, group 2 active/non-optimized), each URL through one of them.
     * libiscsi first checks that both paths show the same logical unit (VPD 83h NAA designator), then runs I/O,
     * a LUN reset and COMPARE AND WRITE across the two I_T nexuses. All four tests must pass.
     */
    @Test
    void multipathUrlPair() throws Exception {
        External.requireCommand("iscsi-test-cu");
        int p1 = io.blockhouse.it.Ports.freePort();
        int p2 = io.blockhouse.it.Ports.freePort();
        String portal1 = "127.0.0.1:" + p1;
        String portal2 = "127.0.0.1:" + p2;
        DaemonConfig config = new DaemonConfig().fileDevice("disk", "disk.img", "64M");
        config.target(TARGET).lun(0, "disk").set("portals", List.of(portal1, portal2));
        config.set("alua", new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"portGroups": [
                  {"id": 1, "name": "path-a", "state": "active/optimized", "preferred": true,
                   "ports": [{"target": "%s", "portals": ["%s"]}]},
                  {"id": 2, "name": "path-b", "state": "active/non-optimized",
                   "ports": [{"target": "%s", "portals": ["%s"]}]}]}""".formatted(TARGET, portal1, TARGET, portal2)));
        Path outDir = Files.createDirectories(Path.of("target", "conformance"));
        try (DaemonProcess daemon = DaemonProcess.startOnPorts(config, work, p1, p2)) {
            CuScore mp = run(outDir.resolve("iscsi-test-cu-MultipathIO.log"), "-d", "-v", "-t", "ALL.MultipathIO",
                    "iscsi://" + portal1 + "/" + TARGET + "/0", "iscsi://" + portal2 + "/" + TARGET + "/0");
            daemon.assertAlive();
            log.info("iscsi-test-cu MultipathIO (URL pair): passed={} skipped={} failed={}",
                    mp.count(CuScore.Verdict.PASSED), mp.count(CuScore.Verdict.SKIPPED),
                    mp.count(CuScore.Verdict.FAILED));
            assertEquals(4, mp.count(CuScore.Verdict.PASSED), "MultipathIO with two portals\n" + mp.table());
            assertEquals(4, mp.verdicts().size(), mp.table());
            daemon.assertNoLeaks();
        }
    }

    /**
     * What is wrong with one back-end's run: tests missing, skips beyond the allowed ones, failures that are neither
     * documented (with their evidence) nor known.
     */
    static List<String> gate(Backend backend, CuScore all) {
        List<String> problems = new ArrayList<>();
        String on = " (" + backend.name() + ")";
        if (all.verdicts().size() != ALL_TESTS) {
            problems.add("the suite ran " + all.verdicts().size() + " of " + ALL_TESTS + " tests" + on);
        }
        Set<String> skipped = names(all, CuScore.Verdict.SKIPPED);
        skipped.removeAll(backend.allowedSkips());
        if (!skipped.isEmpty()) {
            problems.add("skipped beyond the fixed-disk cases" + on + ": " + skipped);
        }
        for (String failed : names(all, CuScore.Verdict.FAILED)) {
            Predicate<String> evidence = DOCUMENTED_FAILURES.get(failed);
            if (KNOWN_FAILURES.contains(failed)) {
                continue; // none today; kept so a regression under investigation can be listed with its reason
            }
            if (evidence == null) {
                problems.add("failed" + on + ": " + failed + "\n" + all.body(failed));
            } else if (!evidence.test(all.body(failed))) {
                problems.add("failed without its documented cause" + on + ": " + failed + "\n" + all.body(failed));
            }
        }
        return problems;
    }

    private static Map<String, Predicate<String>> documentedFailures() {
        Map<String, Predicate<String>> m = new LinkedHashMap<>();
        // Four WRITE10s with a bad DataSN, each refused (which the test asserts), each logged "[FAILED]" by the
        // write helper that was called expecting GOOD.
        m.put(DATASN_INVALID, body -> cunitPassed(body)
                && count(body, "[FAILED] WRITE10 command failed") == 4 && count(body, "[FAILED]") == 4);
        // A unit attention the standard requires, printed by the suite's clean-up PERSISTENT RESERVE IN (one per
        // multipath session), which tolerates none; the test itself passes. After the test's own LOGICAL UNIT RESET
        // both sessions have BUS DEVICE RESET FUNCTION OCCURRED; after Control-SWP set and cleared SWP through the
        // first session, the second has MODE PARAMETERS CHANGED. Nothing else may print "[FAILED]".
        m.put("Reserve6.LUNReset", body -> cleanUpUnitAttentionsOnly(body, "BUS_DEVICE_RESET_FUNCTION_OCCURED(0x2903)",
                2));
        m.put("ModeSense6.Residuals", body -> cleanUpUnitAttentionsOnly(body, "MODE PARAMETERS CHANGED(0x2a01)", 1));
        // With 8 logical blocks per physical block the test asks GET LBA STATUS for LBA i+1 and expects the first
        // descriptor to start at i+8; SBC-3 has the first descriptor start at the LBA asked for.
        m.put("GetLBAStatus.UnmapSingle", body -> !cunitPassed(body) && countMatches(body, CUNIT_FAILURE_LINE) > 0
                && countMatches(body, CUNIT_FAILURE_LINE)
                == count(body, "lba offset in first descriptor does not"));
        // With the URL pair, Sanitize.Reservations takes a RESERVE (6) through the second path and never releases
        // it, so this test's SANITIZE and TEST UNIT READYs from the first path get RESERVATION CONFLICT (status
        // without sense), and its ABORT TASK finds no task; the SANITIZE IN PROGRESS behaviour itself is covered by
        // SanitizeTest. Only the assertions that expect 04/1B may fail.
        m.put("Sanitize.Reset", body -> body.contains("ABORT TASK failed. TASK MGMT responded Task Does Not Exist")
                && count(body, "Should have failed with NOT READY(0x02)/SANITIZE_IN_PROGRESS(0x041b) but failed with "
                        + "Sense: (null)(0x00)/(0x0000)") == 3
                && countMatches(body, CUNIT_FAILURE_LINE) == 4
                && countMatches(body, SANITIZE_RESET_ASSERTIONS) == 4);
        return Map.copyOf(m);
    }

    private static final String CLEAN_UP_UNIT_ATTENTION =
            "[FAILED] PRIN command: failed with sense. SENSE KEY:UNIT_ATTENTION(6) ASCQ:";

    /** CUnit passed and the only "[FAILED]" lines are {@code sessions} clean-up PRINs that saw {@code ascq}. */
    private static boolean cleanUpUnitAttentionsOnly(String body, String ascq, int sessions) {
        return cunitPassed(body) && count(body, "[FAILED]") == sessions
                && count(body, CLEAN_UP_UNIT_ATTENTION + ascq) == sessions;
    }
    private static final Pattern CUNIT_FAILURE_LINE = Pattern.compile("(?m)^\\s+\\d+\\. \\S+\\.c:\\d+");
    private static final Pattern CUNIT_PASSED = Pattern.compile("(?m)^passed");
    private static final Pattern SANITIZE_RESET_ASSERTIONS =
            Pattern.compile("(?m)^\\s+\\d+\\. test_sanitize_reset\\.c:(97|102|107|165) ");

    private static boolean cunitPassed(String body) {
        return CUNIT_PASSED.matcher(body).find() && countMatches(body, CUNIT_FAILURE_LINE) == 0;
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private static int countMatches(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static Set<String> names(CuScore score, CuScore.Verdict verdict) {
        return score.verdicts().entrySet().stream().filter(e -> e.getValue() == verdict).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String url(int port, String target, int lun) {
        return "iscsi://127.0.0.1:" + port + "/" + target + "/" + lun;
    }

    private static CuScore run(Path logFile, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "iscsi-test-cu";
        System.arraycopy(args, 0, command, 1, args.length);
        Commands.Result result = Commands.run(Duration.ofMinutes(10), command);
        Files.writeString(logFile, result.output());
        if (result.output().isBlank()) {
            fail("iscsi-test-cu printed nothing: " + String.join(" ", command));
        }
        return new CuScore(result.output());
    }
}
