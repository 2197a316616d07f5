package io.blockhouse.it.realinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.External;
import io.blockhouse.kernel.testing.Commands;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libiscsi's conformance suite, {@code iscsi-test-cu -d -S -v -t ALL}, against a file LUN: it must run to the end with
 * the daemon alive and leak-free, and no test may fail but the few listed in {@link #KNOWN_FAILURES}. The ReadOnly suite
 * runs against a read-only LUN. The per-suite score is written to target/conformance/ for docs/CONFORMANCE.md.
 */
class ConformanceIT {

    private static final Logger log = LoggerFactory.getLogger(ConformanceIT.class);
    private static final String TARGET = "iqn.2026-11.io.blockhouse:conformance";

    /**
     * Tests cu-score counts failed today, each for a reason documented in docs/CONFORMANCE.md; any other failure
     * fails the build. The suites issue 2 covers have none of them.
     */
    static final Set<String> KNOWN_FAILURES = Set.of(
            "Reserve6.LUNReset",   // unit attention queueing across a re-login (issue 6)
            "Sanitize.Reset",      // no SANITIZE IN PROGRESS state yet (issue 6)
            "WriteSame16.Unmap");  // a 32 MiB WRITE16 beyond the advertised MAXIMUM TRANSFER LENGTH

    private static final String DATASN_INVALID = "iSCSIdatasn.iSCSIDataSnInvalid";

    @TempDir
    Path work;

    @Test
    void libiscsiConformance() throws Exception {
        External.requireCommand("iscsi-test-cu");
        Path data = Files.createDirectories(work.resolve("data"));
        try (RandomAccessFile ro = new RandomAccessFile(data.resolve("readonly.img").toFile(), "rw")) {
            ro.setLength(64L << 20);
        }
        DaemonConfig config = new DaemonConfig().fileDevice("disk", "disk.img", "256M");
        config.device("ro", "file").put("path", "readonly.img").put("readOnly", true);
        config.target(TARGET).lun(0, "disk").lun(1, "ro");
        Path outDir = Files.createDirectories(Path.of("target", "conformance"));
        try (DaemonProcess daemon = DaemonProcess.start(config, work)) {
            String base = "iscsi://127.0.0.1:" + daemon.port() + "/" + TARGET + "/";
            CuScore all = run(outDir.resolve("iscsi-test-cu-ALL.log"), "-d", "-S", "-v", "-t", "ALL", base + "0");
            CuScore readOnly = run(outDir.resolve("iscsi-test-cu-ReadOnly.log"), "-d", "-v", "-t", "SCSI.ReadOnly",
                    base + "1");
            daemon.assertAlive();
            Files.writeString(outDir.resolve("score.md"), "## -t ALL, file LUN\n\n" + all.table()
                    + "\n## -t SCSI.ReadOnly, read-only file LUN\n\n" + readOnly.table());
            log.info("iscsi-test-cu ALL: passed={} skipped={} failed={}", all.count(CuScore.Verdict.PASSED),
                    all.count(CuScore.Verdict.SKIPPED), all.count(CuScore.Verdict.FAILED));

            List<String> unexpectedFailures = all.verdicts().entrySet().stream()
                    .filter(e -> e.getValue() == CuScore.Verdict.FAILED)
                    .map(Map.Entry::getKey)
                    .filter(name -> !KNOWN_FAILURES.contains(name) && !name.equals(DATASN_INVALID))
                    .collect(Collectors.toList());
            assertDataSnRefused(all);
            assertEquals(List.of(), unexpectedFailures, "conformance failures\n" + all.table());
            assertTrue(all.verdicts().size() >= 200, "the suite did not run to the end: " + all.verdicts().size());
            // CUnit must pass it; cu-score may still say "skipped" while the test probes commands this target
            // does not implement yet (COMPARE AND WRITE, ORWRITE, UNMAP, WRITE SAME) and logs "[SKIPPED]" for them.
            assertEquals(List.of("ReadOnly.ReadOnlySBC"), List.copyOf(readOnly.verdicts().keySet()));
            assertTrue(readOnly.verdicts().get("ReadOnly.ReadOnlySBC") != CuScore.Verdict.FAILED
                    && readOnly.cunitPassed("ReadOnly.ReadOnlySBC"), "ReadOnly on the read-only LUN:\n"
                    + readOnly.body("ReadOnly.ReadOnlySBC"));
            daemon.assertNoLeaks();
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
     * iSCSIDataSnInvalid sends four WRITE10s whose Data-Out carry a wrong DataSN and asserts none completes with
     * GOOD. Its write helper logs "[FAILED] WRITE10 command failed" for each refused write even though refusing is
     * what the test asserts, so cu-score counts it failed on any target that rejects the bad DataSN (tgt, SCST and
     * LIO accept it and fail the assertion). The gate is CUnit's verdict plus the four refusals.
     */
    private static void assertDataSnRefused(CuScore score) {
        String body = score.body(DATASN_INVALID);
        assertTrue(score.cunitPassed(DATASN_INVALID), "iSCSIDataSnInvalid failed:\n" + body);
        assertEquals(4, body.split("\\[FAILED\\] WRITE10 command failed", -1).length - 1,
                "each of the four writes with a bad DataSN must be refused:\n" + body);
    }

    private static CuScore run(Path logFile, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "iscsi-test-cu";
        System.arraycopy(args, 0, command, 1, args.length);
        Commands.Result result = Commands.run(Duration.ofMinutes(10), command);
        Files.writeString(logFile, result.output());
        return new CuScore(result.output());
    }
}
