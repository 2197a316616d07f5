package io.blockhouse.it.tgt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.IscsiInq;
import io.blockhouse.it.TgtTarget;
import io.blockhouse.it.initiator.Capacity;
import io.blockhouse.it.initiator.DiscoveredTarget;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginException;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the test initiator against Debian's tgtd: login with CHAP (one-way and mutual) and CRC32C digests,
 * discovery, writes through immediate data, unsolicited Data-Out and R2T, multi-PDU reads, sense data, NOP-Out and
 * logout. Needs Debian's tgtd (skipped without it, failed in CI).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InitiatorAgainstTgtIT {

    static final String IQN = "iqn.2026-11.io.blockhouse.test:tgt-default";
    static final String IQN_UNSOLICITED = "iqn.2026-11.io.blockhouse.test:tgt-unsolicited";
    static final String IQN_PINGING = "iqn.2026-11.io.blockhouse.test:tgt-pinging";
    static final String USER = "blockhouse-user";
    static final String SECRET = "initiator-secret-1";
    static final String TARGET_USER = "tgt-target";
    static final String TARGET_SECRET = "target-secret-22";
    static final int LUN = 1;

    TgtTarget tgt;

    @BeforeAll
    void startTgt(@TempDir Path dir) throws Exception {
        tgt = TgtTarget.start(dir);
        Path disk = dir.resolve("disk.img");
        Path disk2 = dir.resolve("disk2.img");
        try (var f = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        try (var f = new java.io.RandomAccessFile(disk2.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        tgt.addTarget(1, IQN);
        tgt.addLun(1, LUN, disk);
        tgt.requireChap(1, USER, SECRET);
        tgt.mutualChap(1, TARGET_USER, TARGET_SECRET);
        // tgt answers HeaderDigest=None to a CRC32C-only offer unless the target insists on CRC32C
        for (String digest : List.of("HeaderDigest", "DataDigest")) {
            tgt.set(1, digest, "CRC32C");
        }
        tgt.addTarget(2, IQN_UNSOLICITED);
        for (String digest : List.of("HeaderDigest", "DataDigest")) {
            tgt.set(2, digest, "CRC32C");
        }
        tgt.addLun(2, LUN, disk2);
        tgt.set(2, "InitialR2T", "No");
        tgt.set(2, "MaxRecvDataSegmentLength", "65536");
        tgt.set(2, "FirstBurstLength", "131072");
        tgt.addTarget(3, IQN_PINGING);
        tgt.addLun(3, LUN, disk2);
        tgt.tgtadm("--op", "update", "--mode", "target", "--tid", "3", "--name", "nop_interval", "--value", "1");
        tgt.tgtadm("--op", "update", "--mode", "target", "--tid", "3", "--name", "nop_count", "--value", "2");
    }

    @AfterAll
    void stopTgt() throws Exception {
        if (tgt != null) {
            tgt.close();
        }
    }

    LoginOptions.Builder chapLogin() {
        return LoginOptions.builder().targetName(IQN).chap(USER, SECRET);
    }

    @Test
    void mutualChapWithDigestsWritesAndReadsBack() throws IOException {
        try (IscsiSession session = IscsiSession.login("127.0.0.1", tgt.port(),
                chapLogin().mutualChap(TARGET_USER, TARGET_SECRET).digests(true).build())) {
            assertTrue(session.parameters().headerDigest());
            assertTrue(session.parameters().dataDigest());
            ScsiOutcome first = session.testUnitReady(LUN);
            assertEquals(0x06, first.senseKey(), "a new nexus starts with a UNIT ATTENTION: " + first);
            session.clearUnitAttention(LUN);
            Capacity capacity = session.readCapacity16(LUN);
            assertEquals(512, capacity.blockSize());
            assertEquals(64L << 20, capacity.bytes());
            ScsiOutcome inquiry = session.inquiry(LUN);
            assertTrue(inquiry.good(), inquiry.toString());
            assertEquals(0, inquiry.data()[0] & 0x1f, "direct-access device");

            Random random = new Random(7);
            // sizes crossing tgt's 8 KiB MaxRecvDataSegmentLength, 64 KiB FirstBurstLength, 256 KiB MaxBurstLength
            int[] sizesInBlocks = {1, 7, 16, 17, 128, 129, 512, 1024, 2048};
            long lba = 100;
            for (int blocks : sizesInBlocks) {
                byte[] data = new byte[blocks * 512];
                random.nextBytes(data);
                ScsiOutcome write = session.write10(LUN, lba, data, 512);
                assertTrue(write.good(), "write of " + blocks + " blocks: " + write);
                ScsiOutcome read = session.read10(LUN, lba, blocks, 512);
                assertTrue(read.good(), read.toString());
                assertArrayEquals(data, read.data(), "read back " + blocks + " blocks");
                lba += blocks;
            }
            byte[] payload = "are you there".getBytes();
            assertArrayEquals(payload, session.ping(payload));
            session.logout();
        }
    }

    @Test
    void unsolicitedDataOutWhenInitialR2TIsOff() throws IOException {
        try (IscsiSession session = IscsiSession.login("127.0.0.1", tgt.port(),
                LoginOptions.builder().targetName(IQN_UNSOLICITED).digests(true).build())) {
            assertFalse(session.parameters().initialR2T());
            assertEquals(65536, session.parameters().maxSendDataSegment());
            session.clearUnitAttention(LUN);
            Random random = new Random(11);
            for (int blocks : new int[] {1, 200, 256, 300, 2048}) {
                byte[] data = new byte[blocks * 512];
                random.nextBytes(data);
                ScsiOutcome write = session.write10(LUN, 8, data, 512);
                assertTrue(write.good(), write.toString());
                assertArrayEquals(data, session.read10(LUN, 8, blocks, 512).data());
            }
        }
    }

    @Test
    void writesWithoutImmediateDataGoThroughR2T() throws IOException {
        try (IscsiSession session = IscsiSession.login("127.0.0.1", tgt.port(),
                chapLogin().immediateData(false).headerDigest("CRC32C").dataDigest("None,CRC32C").build())) {
            assertFalse(session.parameters().immediateData());
            assertTrue(session.parameters().dataDigest(), "tgt insists on CRC32C");
            session.clearUnitAttention(LUN);
            byte[] data = new byte[300 * 512];
            new Random(3).nextBytes(data);
            ScsiOutcome write = session.write10(LUN, 5000, data, 512);
            assertTrue(write.good(), write.toString());
            assertArrayEquals(data, session.read10(LUN, 5000, 300, 512).data());
        }
    }

    @Test
    void readBeyondCapacityReturnsSense() throws IOException {
        try (IscsiSession session = IscsiSession.login("127.0.0.1", tgt.port(), chapLogin().build())) {
            session.clearUnitAttention(LUN);
            ScsiOutcome outcome = session.read10(LUN, (64L << 20) / 512, 1, 512);
            assertEquals(ScsiOutcome.CHECK_CONDITION, outcome.status(), outcome.toString());
            assertEquals(0x05, outcome.senseKey(), "ILLEGAL REQUEST");
            assertEquals(0x21, outcome.asc(), "LBA out of range");
        }
    }

    @Test
    void wrongSecretIsRefused() {
        LoginException e = assertThrows(LoginException.class, () -> IscsiSession.login("127.0.0.1", tgt.port(),
                LoginOptions.builder().targetName(IQN).chap(USER, "not-the-secret-9").build()));
        assertTrue(e.isAuthenticationFailure(), e.getMessage());
    }

    @Test
    void noAuthenticationIsRefusedWhenChapIsRequired() {
        LoginException e = assertThrows(LoginException.class, () -> IscsiSession.login("127.0.0.1", tgt.port(),
                LoginOptions.builder().targetName(IQN).build()));
        assertEquals(2, e.statusClass(), e.getMessage());
    }

    @Test
    void targetWithWrongMutualSecretIsRefusedByTheInitiator() {
        LoginException e = assertThrows(LoginException.class, () -> IscsiSession.login("127.0.0.1", tgt.port(),
                chapLogin().mutualChap(TARGET_USER, "what-we-expect-x").build()));
        assertTrue(e.isInitiatorAbort(), e.getMessage());
    }

    @Test
    void discoveryListsBothTargets() throws IOException {
        try (IscsiSession session = IscsiSession.login("127.0.0.1", tgt.port(),
                LoginOptions.builder().headerDigest("CRC32C,None").dataDigest("CRC32C,None").build())) {
            List<DiscoveredTarget> targets = session.sendTargetsAll();
            List<String> names = targets.stream().map(DiscoveredTarget::name).toList();
            assertTrue(names.contains(IQN) && names.contains(IQN_UNSOLICITED), names.toString());
            session.logout();
        }
    }

    @Test
    void targetPingsAreAnsweredSoTheSessionSurvives() throws Exception {
        // tgt pings every second and drops the session after 2 unanswered pings; keep issuing commands for 5 s
        try (IscsiSession session = IscsiSession.login("127.0.0.1", tgt.port(),
                LoginOptions.builder().targetName(IQN_PINGING).headerDigest("None,CRC32C").dataDigest("None,CRC32C")
                        .build())) {
            session.clearUnitAttention(LUN);
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end) {
                assertTrue(session.testUnitReady(LUN).good());
                Thread.sleep(200);
            }
            assertTrue(session.read10(LUN, 0, 8, 512).good());
            assertTrue(session.pingsAnswered() >= 2, "pings answered: " + session.pingsAnswered());
            session.logout();
        }
    }

    // the iscsi-inq checks ChapIT runs against Blockhouse, proven here against tgt

    private String inqUrl(String secret, String targetUser, String targetSecret) {
        return IscsiInq.url("127.0.0.1", tgt.port(), IQN, LUN, USER, secret, targetUser, targetSecret);
    }

    @Test
    void iscsiInqChapChecks() throws Exception {
        String initiator = "iqn.2026-11.io.blockhouse.test:inq";
        IscsiInq.Result right = IscsiInq.run(initiator, inqUrl(SECRET, null, null));
        assertTrue(right.succeeded() && right.output().contains("DIRECT_ACCESS"), right.output());
        IscsiInq.Result wrong = IscsiInq.run(initiator, inqUrl("wrong-secret-999", null, null));
        assertFalse(wrong.succeeded(), wrong.output());
        IscsiInq.Result mutual = IscsiInq.run(initiator, inqUrl(SECRET, TARGET_USER, TARGET_SECRET));
        assertTrue(mutual.succeeded() && mutual.output().contains("DIRECT_ACCESS"), mutual.output());
        IscsiInq.Result badTarget = IscsiInq.run(initiator, inqUrl(SECRET, TARGET_USER, "not-the-target-secret"));
        assertFalse(badTarget.succeeded(), badTarget.output());
    }
}
