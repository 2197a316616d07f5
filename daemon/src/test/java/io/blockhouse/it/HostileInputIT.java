package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input over real sockets against the packaged daemon: truncated PDUs, a 16 MiB DataSegmentLength before
 * and after login, wrong and reserved opcodes, a bad header digest, CmdSN outside the window, a few hundred seeded
 * random inputs and malformed login text. Every attack's connection must be refused or closed within bounded time
 * while a healthy session opened first keeps reading and writing; at the end the daemon is alive, stops with exit
 * code 0 and its log has no Netty "LEAK:" report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class HostileInputIT {

    static final String IQN = "iqn.2026-11.io.blockhouse.it:hostile";

    DaemonProcess daemon;
    HealthySession healthy;
    HostileScenarios scenarios;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        DaemonConfig config = new DaemonConfig()
                .iscsi("headerDigest", true).iscsi("dataDigest", true)
                .iscsi("maxRecvDataSegmentLength", 262144)
                .fileDevice("disk0", "disk0.img", "64M");
        config.target(IQN).lun(0, "disk0");
        daemon = DaemonProcess.start(config, dir);
        TargetEndpoint endpoint = TargetEndpoint.of(daemon.host(), daemon.port(), IQN, 0, 512);
        healthy = new HealthySession(endpoint, 100_000, 20_000);
        healthy.verify("start");
        scenarios = new HostileScenarios(endpoint, healthy, daemon::assertAlive);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (healthy != null) {
                daemon.assertAlive();
                healthy.verify("all hostile input");
                assertTrue(healthy.backgroundRounds() > 0, "the healthy session made progress in the background");
                healthy.close();
            }
        } finally {
            if (daemon != null) {
                DaemonChecks.stopAndCheck(daemon, "HostileInputIT");
            }
        }
    }

    @Test
    void truncatedPduThenClose() throws Exception {
        scenarios.truncatedPduThenClose();
    }

    @Test
    void oversizedDataSegmentBeforeLogin() throws Exception {
        scenarios.oversizedDataSegmentBeforeLogin();
    }

    @Test
    void oversizedDataSegmentAfterLogin() throws Exception {
        scenarios.oversizedDataSegmentAfterLogin();
    }

    @Test
    void wrongOpcodesBeforeLogin() throws Exception {
        scenarios.wrongOpcodesBeforeLogin();
    }

    @Test
    void wrongOpcodesAfterLogin() throws Exception {
        scenarios.wrongOpcodesAfterLogin();
    }

    @Test
    void badHeaderDigest() throws Exception {
        scenarios.badHeaderDigest();
    }

    @Test
    void outOfWindowCmdSn() throws Exception {
        scenarios.outOfWindowCmdSn(5_000);
    }

    @Test
    void randomBytes() throws Exception {
        scenarios.randomBytes(20261124L, 300);
    }

    @Test
    void garbageLoginText() throws Exception {
        scenarios.garbageLoginText();
    }
}
