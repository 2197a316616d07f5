package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.initiator.Capacity;
import io.blockhouse.it.initiator.DiscoveredTarget;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first smoke test after a merge: discovery, login without digests, INQUIRY, READ CAPACITY, writes through
 * immediate, unsolicited and R2T-solicited data, multi-PDU reads, sense for an out-of-range LBA, NOP-Out, logout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionBasicsIT {

    static final String IQN = "iqn.2026-11.io.blockhouse.it:basics";

    DaemonProcess daemon;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        DaemonConfig config = new DaemonConfig()
                .iscsi("maxRecvDataSegmentLength", 65536).iscsi("firstBurstLength", 131072)
                .iscsi("maxBurstLength", 262144).iscsi("immediateData", true).iscsi("initialR2T", false)
                .fileDevice("disk0", "disk0.img", "32M");
        config.target(IQN).set("alias", "basics").lun(0, "disk0");
        daemon = DaemonProcess.start(config, dir);
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            DaemonChecks.stopAndCheck(daemon, "SessionBasicsIT");
        }
    }

    @Test
    void discoveryListsTheTargetOnItsPortal() throws Exception {
        try (IscsiSession session = IscsiSession.login(daemon.host(), daemon.port(), LoginOptions.builder().build())) {
            List<DiscoveredTarget> targets = session.sendTargetsAll();
            DiscoveredTarget target = targets.stream().filter(t -> t.name().equals(IQN)).findFirst()
                    .orElseThrow(() -> new AssertionError("target missing from " + targets));
            assertTrue(target.addresses().stream().anyMatch(a -> a.startsWith("127.0.0.1:" + daemon.port() + ",")),
                    target.addresses().toString());
            session.logout();
        }
    }

    @Test
    void plainSessionServesTheDisk() throws Exception {
        try (IscsiSession session = IscsiSession.login(daemon.host(), daemon.port(),
                LoginOptions.builder().targetName(IQN).build())) {
            assertFalse(session.parameters().headerDigest());
            assertEquals(65536, session.parameters().maxSendDataSegment());
            session.clearUnitAttention(0);
            ScsiOutcome inquiry = session.inquiry(0);
            assertTrue(inquiry.good(), inquiry.toString());
            assertEquals(0, inquiry.data()[0] & 0x1f, "direct-access block device");
            Capacity capacity = session.readCapacity16(0);
            assertEquals(512, capacity.blockSize());
            assertEquals(32L << 20, capacity.bytes());

            Random random = new Random(99);
            for (int blocks : new int[] {1, 127, 128, 129, 256, 257, 511, 512, 1024}) {
                byte[] data = new byte[blocks * 512];
                random.nextBytes(data);
                ScsiOutcome write = session.write10(0, 64, data, 512);
                assertTrue(write.good(), blocks + " blocks: " + write);
                ScsiOutcome read = session.read10(0, 64, blocks, 512);
                assertTrue(read.good(), read.toString());
                assertArrayEquals(data, read.data(), blocks + " blocks");
            }

            ScsiOutcome beyond = session.read10(0, capacity.blocks(), 1, 512);
            assertEquals(ScsiOutcome.CHECK_CONDITION, beyond.status(), beyond.toString());
            assertEquals(0x05, beyond.senseKey(), "ILLEGAL REQUEST");
            assertEquals(0x21, beyond.asc(), "LOGICAL BLOCK ADDRESS OUT OF RANGE");

            byte[] payload = {'p', 'i', 'n', 'g'};
            assertArrayEquals(payload, session.ping(payload));
            session.logout();
        }
    }
}
