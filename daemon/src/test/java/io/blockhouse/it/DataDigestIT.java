package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.initiator.Corruption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * CRC32C header and data digests against the packaged daemon: 1 MiB of random data in assorted sizes round-trips
 * intact; immediate data and Data-Out damaged on the wire are refused (Reject 0x02 or a dropped connection) and never
 * stored; a second session keeps working throughout; the daemon stops cleanly without buffer leaks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataDigestIT {

    static final String IQN = "iqn.2026-11.io.blockhouse.it:digests";

    DaemonProcess daemon;
    TargetEndpoint endpoint;
    HealthySession healthy;
    DataDigestScenarios scenarios;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        DaemonConfig config = new DaemonConfig()
                .iscsi("headerDigest", true).iscsi("dataDigest", true)
                .iscsi("immediateData", true).iscsi("initialR2T", false)
                .iscsi("maxRecvDataSegmentLength", 65536).iscsi("firstBurstLength", 131072)
                .iscsi("maxBurstLength", 262144)
                .fileDevice("disk0", "disk0.img", "64M");
        config.target(IQN).lun(0, "disk0");
        daemon = DaemonProcess.start(config, dir);
        endpoint = TargetEndpoint.of(daemon.host(), daemon.port(), IQN, 0, 512);
        healthy = new HealthySession(endpoint, 100_000, 20_000);
        healthy.verify("start");
        scenarios = new DataDigestScenarios(endpoint, healthy);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (healthy != null) {
                healthy.verify("all digest tests");
                assertTrue(healthy.backgroundRounds() > 0, "the healthy session made progress in the background");
                healthy.close();
            }
        } finally {
            if (daemon != null) {
                DaemonChecks.stopAndCheck(daemon, "DataDigestIT");
            }
        }
    }

    @Test
    void oneMebibyteRoundTripsWithBothDigests() throws Exception {
        scenarios.roundTripOneMebibyte(0);
    }

    @Test
    void oneMebibyteRoundTripsThroughR2TOnly() throws Exception {
        // same data path with immediate and unsolicited data off: every byte goes through R2T-solicited Data-Out
        DataDigestScenarios r2tOnly = new DataDigestScenarios(endpoint, healthy,
                login -> login.immediateData(false).initialR2T(true));
        r2tOnly.roundTripOneMebibyte(4096);
    }

    @Test
    void immediateDataDamagedOnTheWireIsRefusedAndNotStored() throws Exception {
        scenarios.corruptedImmediateDataIsRefused(10_000, Corruption.DATA_PAYLOAD);
    }

    @Test
    void immediateDataWithAWrongDigestIsRefusedAndNotStored() throws Exception {
        scenarios.corruptedImmediateDataIsRefused(10_100, Corruption.DATA_DIGEST);
    }

    @Test
    void dataOutDamagedOnTheWireIsRefusedAndNotStored() throws Exception {
        scenarios.corruptedDataOutIsRefused(10_200, Corruption.DATA_PAYLOAD);
    }

    @Test
    void dataOutWithAWrongDigestIsRefusedAndNotStored() throws Exception {
        scenarios.corruptedDataOutIsRefused(10_300, Corruption.DATA_DIGEST);
    }
}
