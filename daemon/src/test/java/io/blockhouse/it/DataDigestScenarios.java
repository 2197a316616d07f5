package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.blockhouse.it.initiator.Cdbs;
import io.blockhouse.it.initiator.Corruption;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.Opcodes;
import io.blockhouse.it.initiator.Pdu;
import io.blockhouse.it.initiator.ReceiveOutcome;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * CRC32C data digest behaviour any correct target must show: clean round trips with both digests on, and refusal
 * (Reject reason 0x02 or a dropped connection) of data whose digest does not match, without storing that data.
 * Shared by {@code DataDigestIT} (Blockhouse) and the tgt validation.
 */
public final class DataDigestScenarios {

    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(10);

    private final TargetEndpoint endpoint;
    private final HealthySession healthy;
    private final UnaryOperator<LoginOptions.Builder> roundTripLogin;

    public DataDigestScenarios(TargetEndpoint endpoint, HealthySession healthy) {
        this(endpoint, healthy, UnaryOperator.identity());
    }

    /** With {@code roundTripLogin} adjusting the round trip session's login (e.g. ImmediateData=No). */
    public DataDigestScenarios(TargetEndpoint endpoint, HealthySession healthy,
                               UnaryOperator<LoginOptions.Builder> roundTripLogin) {
        this.endpoint = endpoint;
        this.healthy = healthy;
        this.roundTripLogin = roundTripLogin;
    }

    /** Writes 1 MiB of random data at {@code firstLba} in assorted sizes, reads it back in other sizes. */
    public void roundTripOneMebibyte(long firstLba) throws IOException {
        try (IscsiSession session = endpoint.open(roundTripLogin.apply(endpoint.login().digests(true)).build())) {
            assertTrue(session.parameters().headerDigest(), "HeaderDigest=CRC32C negotiated");
            assertTrue(session.parameters().dataDigest(), "DataDigest=CRC32C negotiated");
            int bs = endpoint.blockSize();
            int totalBlocks = (1 << 20) / bs;
            byte[] image = new byte[totalBlocks * bs];
            new Random(1234).nextBytes(image);
            int[] writeSizes = {1, 2, 7, 8, 31, 64, 127, 128, 129, 255, 256, 257, 511, 512, 513};
            writeAll(session, firstLba, image, writeSizes);
            healthy.verify("1 MiB digest-protected writes");
            int[] readSizes = {3, 1, 300, 17, 1024, 2, 600};
            readAll(session, firstLba, image, readSizes);
            healthy.verify("1 MiB digest-protected reads");
        }
    }

    private void writeAll(IscsiSession session, long firstLba, byte[] image, int[] sizes) throws IOException {
        int bs = endpoint.blockSize();
        int totalBlocks = image.length / bs;
        for (int done = 0, i = 0; done < totalBlocks; i++) {
            int blocks = Math.min(sizes[i % sizes.length], totalBlocks - done);
            byte[] chunk = Arrays.copyOfRange(image, done * bs, (done + blocks) * bs);
            ScsiOutcome write = session.write10(endpoint.lun(), firstLba + done, chunk, bs);
            assertTrue(write.good(), "write of " + blocks + " blocks at +" + done + ": " + write);
            done += blocks;
        }
    }

    private void readAll(IscsiSession session, long firstLba, byte[] image, int[] sizes) throws IOException {
        int bs = endpoint.blockSize();
        int totalBlocks = image.length / bs;
        for (int done = 0, i = 0; done < totalBlocks; i++) {
            int blocks = Math.min(sizes[i % sizes.length], totalBlocks - done);
            ScsiOutcome read = session.read10(endpoint.lun(), firstLba + done, blocks, bs);
            assertTrue(read.good(), read.toString());
            assertArrayEquals(Arrays.copyOfRange(image, done * bs, (done + blocks) * bs), read.data(),
                    "read of " + blocks + " blocks at +" + done);
            done += blocks;
        }
    }

    /**
     * A WRITE whose immediate data fails its digest ({@link Corruption#DATA_PAYLOAD}: bytes damaged on the wire;
     * {@link Corruption#DATA_DIGEST}: the digest itself damaged) must be refused, and nothing may be written unless
     * the target asked for, and got, an intact retransmission.
     */
    public void corruptedImmediateDataIsRefused(long lba, Corruption corruption) throws IOException {
        int blocks = 8;
        byte[] before = pattern(blocks, 0x11);
        healthy.write(lba, before);
        byte[] intended = pattern(blocks, 0x77);
        boolean resent;
        try (IscsiSession attacker = endpoint.open(endpoint.login().digests(true).immediateData(true).build())) {
            assertTrue(attacker.parameters().immediateData(), "ImmediateData=Yes negotiated");
            assertTrue(intended.length <= attacker.parameters().firstBurstLength()
                    && intended.length <= attacker.parameters().maxSendDataSegment(), "fits in immediate data");
            int itt = attacker.newTaskTag();
            Pdu command = attacker.commandPdu(endpoint.lun(), Cdbs.write10(lba, blocks, false), itt, intended.length,
                    false, true, true).data(intended);
            attacker.connection().send(command, corruption);
            resent = expectDigestRefusal(attacker, itt, intended, "corrupted immediate data");
        }
        assertNothingWrongStored(lba, blocks, before, intended, resent, "immediate data with " + corruption);
        healthy.verify("immediate data with " + corruption);
    }

    /** The same for a solicited Data-Out PDU (ImmediateData=No, InitialR2T=Yes). */
    public void corruptedDataOutIsRefused(long lba, Corruption corruption) throws IOException {
        int blocks = 8;
        byte[] before = pattern(blocks, 0x22);
        healthy.write(lba, before);
        byte[] intended = pattern(blocks, 0x55);
        boolean resent;
        try (IscsiSession attacker = endpoint.open(endpoint.login().digests(true).immediateData(false)
                .initialR2T(true).build())) {
            assertFalse(attacker.parameters().immediateData());
            assertTrue(attacker.parameters().initialR2T());
            int itt = attacker.newTaskTag();
            attacker.connection().send(attacker.commandPdu(endpoint.lun(), Cdbs.write10(lba, blocks, false), itt,
                    intended.length, false, true, true));
            Pdu r2t = awaitR2T(attacker, itt);
            int length = Math.min((int) r2t.uintAt(44), attacker.parameters().maxSendDataSegment());
            int offset = r2t.intAt(40);
            Pdu dataOut = attacker.dataOutPdu(endpoint.lun(), itt, r2t.intAt(20), 0, offset,
                    Arrays.copyOfRange(intended, offset, offset + length), length == r2t.uintAt(44));
            attacker.connection().send(dataOut, corruption);
            resent = expectDigestRefusal(attacker, itt, intended, "corrupted Data-Out");
        }
        assertNothingWrongStored(lba, blocks, before, intended, resent, "Data-Out with " + corruption);
        healthy.verify("Data-Out with " + corruption);
    }

    private static Pdu awaitR2T(IscsiSession session, int itt) {
        while (true) {
            ReceiveOutcome outcome = session.connection().poll(REFUSAL_TIMEOUT);
            if (!(outcome instanceof ReceiveOutcome.Received received)) {
                fail("no R2T for a WRITE without immediate data: " + outcome);
                return null;
            }
            Pdu pdu = received.pdu();
            if (pdu.opcode() == Opcodes.R2T && pdu.initiatorTaskTag() == itt) {
                return pdu;
            }
            if (pdu.opcode() != Opcodes.NOP_IN) {
                fail("expected an R2T, got " + pdu);
            }
        }
    }

    /**
     * Waits for the target's reaction to damaged data: it must reject with reason 0x02 or close the connection.
     * After a Reject the target may recover the task (a recovery R2T, answered here with the intact data) or end
     * it with any status; completing it GOOD without having received intact data is a failure.
     *
     * @return true when the target asked for the data again and got it intact
     */
    private static boolean expectDigestRefusal(IscsiSession session, int itt, byte[] intended, String attack)
            throws IOException {
        Refusal refusal = Refusal.await(session.connection(), REFUSAL_TIMEOUT, attack);
        if (refusal.kind() == Refusal.Kind.CLOSED) {
            return false;
        }
        assertEquals(Refusal.Kind.REJECT, refusal.kind(), attack);
        assertEquals(Opcodes.REJECT_DATA_DIGEST_ERROR, refusal.rejectReason(),
                attack + ": Reject reason must be 0x02 (data digest error)");
        boolean resent = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            ReceiveOutcome outcome = session.connection().poll(Duration.ofMillis(500));
            if (!(outcome instanceof ReceiveOutcome.Received received)) {
                if (outcome instanceof ReceiveOutcome.Closed) {
                    return resent;
                }
                continue;
            }
            Pdu pdu = received.pdu();
            if (pdu.opcode() == Opcodes.R2T && pdu.initiatorTaskTag() == itt) {
                sendIntact(session, pdu, intended);
                resent = true;
            } else if (pdu.opcode() == Opcodes.SCSI_RESPONSE && pdu.initiatorTaskTag() == itt) {
                boolean good = pdu.byteAt(2) == 0 && pdu.byteAt(3) == 0;
                if (good && !resent) {
                    fail(attack + ": target rejected the data yet completed the WRITE with GOOD status");
                }
                return resent;
            }
        }
        return resent;
    }

    /** Answers a recovery R2T with the intact bytes it asks for. */
    private static void sendIntact(IscsiSession session, Pdu r2t, byte[] intended) throws IOException {
        int lun = lunOf(r2t);
        int offset = r2t.intAt(40);
        int length = (int) r2t.uintAt(44);
        int max = session.parameters().maxSendDataSegment();
        int dataSn = 0;
        for (int done = 0; done < length; done += max) {
            int n = Math.min(max, length - done);
            session.connection().send(session.dataOutPdu(lun, r2t.initiatorTaskTag(), r2t.intAt(20), dataSn++,
                    offset + done, Arrays.copyOfRange(intended, offset + done, offset + done + n),
                    done + n == length));
        }
    }

    private static int lunOf(Pdu pdu) {
        return pdu.byteAt(9) | ((pdu.byteAt(8) & 0x3f) << 8);
    }

    private void assertNothingWrongStored(long lba, int blocks, byte[] before, byte[] intended, boolean resent,
                                          String attack) throws IOException {
        byte[] now = healthy.read(lba, blocks);
        if (resent && Arrays.equals(intended, now)) {
            return; // recovered through an intact retransmission
        }
        assertArrayEquals(before, now, attack + ": the blocks changed although no intact data was accepted");
    }

    private byte[] pattern(int blocks, int seed) {
        byte[] data = new byte[blocks * endpoint.blockSize()];
        new Random(seed).nextBytes(data);
        return data;
    }
}
