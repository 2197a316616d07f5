package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.blockhouse.it.initiator.Cdbs;
import io.blockhouse.it.initiator.Corruption;
import io.blockhouse.it.initiator.IscsiConnection;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.Opcodes;
import io.blockhouse.it.initiator.Pdu;
import io.blockhouse.it.initiator.PduCodec;
import io.blockhouse.it.initiator.ReceiveOutcome;
import io.blockhouse.it.initiator.TextKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile input over real sockets, as any correct target must survive it: each attack's connection is refused
 * (Reject, failed login or closed, all bounded by timeouts so a hang fails the test) while a separate healthy
 * session keeps reading and writing. Shared by {@code HostileInputIT} (Blockhouse) and the tgt validation.
 */
public final class HostileScenarios {

    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final TargetEndpoint endpoint;
    private final HealthySession healthy;
    private final Runnable targetAlive;

    /**
     * @param targetAlive called after every attack; throws when the target process died
     */
    public HostileScenarios(TargetEndpoint endpoint, HealthySession healthy, Runnable targetAlive) {
        this.endpoint = endpoint;
        this.healthy = healthy;
        this.targetAlive = targetAlive;
    }

    private void afterAttack(String attack) throws IOException {
        targetAlive.run();
        healthy.verify(attack);
    }

    private IscsiConnection connect() throws IOException {
        return IscsiConnection.open(endpoint.host(), endpoint.port(), CONNECT_TIMEOUT);
    }

    /** Login options for attacker sessions: CRC32C digests preferred, plain accepted. */
    private LoginOptions.Builder attackerLogin() {
        return endpoint.login().headerDigest("CRC32C,None").dataDigest("CRC32C,None");
    }

    /** A leading Login Request (security stage, T=1 to operational) carrying {@code text}. */
    private Pdu loginRequest(byte[] text) {
        byte[] isid = {(byte) 0x80, 0x12, 0x34, 0x56, 0x78, (byte) 0x9a};
        return Pdu.of(Opcodes.LOGIN_REQUEST, true).flags(0x80 | 0x01).bytesAt(8, isid).initiatorTaskTag(1)
                .intAt(24, 1).data(text);
    }

    private byte[] validLoginText() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("InitiatorName", "iqn.2026-11.io.blockhouse:hostile");
        keys.put("SessionType", "Normal");
        keys.put("TargetName", endpoint.targetName());
        keys.put("AuthMethod", "None");
        return TextKeys.encode(keys);
    }

    /** Sends without failing when the target already closed (a refusal in itself). */
    private static boolean sendQuietly(IscsiConnection connection, byte[] bytes) {
        try {
            connection.sendRaw(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- attacks

    /** Half a header, then close; and a full header with half its data, then close. */
    public void truncatedPduThenClose() throws IOException {
        byte[] wire = PduCodec.encode(loginRequest(validLoginText()), false, false, Corruption.NONE);
        for (int cut : new int[] {1, 30, 47, 48, 48 + 10}) {
            try (IscsiConnection connection = connect()) {
                sendQuietly(connection, Arrays.copyOf(wire, cut));
            }
            afterAttack("a PDU truncated to " + cut + " bytes");
        }
    }

    /** A Login Request announcing a 16 MiB data segment (login PDUs are limited to 8 KiB). */
    public void oversizedDataSegmentBeforeLogin() throws IOException {
        try (IscsiConnection connection = connect()) {
            Pdu pdu = loginRequest(new byte[0]).declaredDataLength(0xffffff);
            if (sendQuietly(connection, PduCodec.encode(pdu, false, false, Corruption.NONE))) {
                sendQuietly(connection, filler(64 * 1024));
                Refusal refusal = Refusal.await(connection, REFUSAL_TIMEOUT, "16 MiB login data segment");
                Refusal.awaitCloseAfterLoginFailure(connection, refusal, "16 MiB login data segment");
            }
        }
        afterAttack("a 16 MiB login data segment");
    }

    /** In full feature phase, a NOP-Out announcing 16 MiB of data, far beyond MaxRecvDataSegmentLength. */
    public void oversizedDataSegmentAfterLogin() throws IOException {
        try (IscsiSession session = endpoint.open(attackerLogin().build())) {
            Pdu nop = Pdu.of(Opcodes.NOP_OUT, true).flags(0x80).initiatorTaskTag(session.newTaskTag())
                    .intAt(20, Opcodes.RESERVED_TAG).intAt(24, session.cmdSn()).intAt(28, session.expStatSn())
                    .declaredDataLength(0xffffff);
            IscsiConnection connection = session.connection();
            if (sendQuietly(connection, PduCodec.encode(nop, connection.headerDigest(), false, Corruption.NONE))) {
                sendQuietly(connection, filler(64 * 1024));
                Refusal.await(connection, REFUSAL_TIMEOUT, "16 MiB NOP-Out data segment");
            }
        }
        afterAttack("a 16 MiB data segment in full feature phase");
    }

    /** Reserved opcode 0x0f, a target-only opcode and a SCSI Command as the first PDU of a connection. */
    public void wrongOpcodesBeforeLogin() throws IOException {
        for (int opcode : new int[] {0x0f, Opcodes.SCSI_RESPONSE, Opcodes.SCSI_COMMAND, Opcodes.LOGOUT_REQUEST}) {
            String attack = Opcodes.name(opcode) + " before login";
            try (IscsiConnection connection = connect()) {
                Pdu pdu = Pdu.of(opcode, opcode != Opcodes.SCSI_COMMAND).flags(0x80).initiatorTaskTag(7)
                        .intAt(24, 1);
                if (opcode == Opcodes.SCSI_COMMAND) {
                    pdu.lun(endpoint.lun()).bytesAt(32, Cdbs.testUnitReady());
                }
                if (sendQuietly(connection, PduCodec.encode(pdu, false, false, Corruption.NONE))) {
                    if (opcode == Opcodes.LOGOUT_REQUEST) {
                        awaitEndOfConnection(connection, attack);
                    } else {
                        Refusal refusal = Refusal.await(connection, REFUSAL_TIMEOUT, attack);
                        Refusal.awaitCloseAfterLoginFailure(connection, refusal, attack);
                    }
                }
            }
            afterAttack(attack);
        }
    }

    /**
     * A Logout before login may be refused or closed, or answered with a Logout Response (tgt does, leaving the
     * close to the initiator as after any logout); a refusal must end the connection.
     */
    private static void awaitEndOfConnection(IscsiConnection connection, String attack) {
        ReceiveOutcome outcome = connection.poll(REFUSAL_TIMEOUT);
        if (outcome instanceof ReceiveOutcome.TimedOut) {
            fail(attack + ": target neither answered nor closed within " + REFUSAL_TIMEOUT);
        }
        if (outcome instanceof ReceiveOutcome.Received received) {
            int opcode = received.pdu().opcode();
            if (opcode != Opcodes.REJECT && opcode != Opcodes.LOGOUT_RESPONSE && opcode != Opcodes.LOGIN_RESPONSE) {
                fail(attack + ": unexpected " + received.pdu());
            }
            if (opcode == Opcodes.LOGIN_RESPONSE && received.pdu().byteAt(36) == 0) {
                fail(attack + ": target answered with a successful Login Response");
            }
            if (opcode != Opcodes.LOGOUT_RESPONSE && !connection.awaitClosed(REFUSAL_TIMEOUT)) {
                fail(attack + ": target kept the connection open after " + received.pdu());
            }
        }
    }

    /** Reserved opcode 0x0f, a target-only opcode and a Login Request inside full feature phase. */
    public void wrongOpcodesAfterLogin() throws IOException {
        for (int opcode : new int[] {0x0f, 0x1f, Opcodes.SCSI_RESPONSE, Opcodes.R2T}) {
            String attack = Opcodes.name(opcode) + " after login";
            try (IscsiSession session = endpoint.open(attackerLogin().build())) {
                Pdu pdu = Pdu.of(opcode, false).flags(0x80).initiatorTaskTag(session.newTaskTag())
                        .intAt(24, session.cmdSn()).intAt(28, session.expStatSn());
                if (sendQuietly(session.connection(), encode(session, pdu, Corruption.NONE))) {
                    Refusal.await(session.connection(), REFUSAL_TIMEOUT, attack);
                }
            }
            afterAttack(attack);
        }
    }

    /**
     * A NOP-Out whose header digest is wrong. RFC 7143 section 7.8 lets the target either drop the connection or
     * discard the PDU; it must never act on it (no echo), and after a discard the connection must still work.
     */
    public void badHeaderDigest() throws IOException {
        String attack = "a bad header digest";
        try (IscsiSession session = endpoint.open(attackerLogin().headerDigest("CRC32C").build())) {
            assertTrue(session.parameters().headerDigest(), "HeaderDigest=CRC32C negotiated");
            int itt = session.newTaskTag();
            Pdu nop = Pdu.of(Opcodes.NOP_OUT, true).flags(0x80).initiatorTaskTag(itt).intAt(20, Opcodes.RESERVED_TAG)
                    .intAt(24, session.cmdSn()).intAt(28, session.expStatSn());
            if (sendQuietly(session.connection(), encode(session, nop, Corruption.HEADER_DIGEST))) {
                boolean discarded = awaitNoAnswer(session, itt, Duration.ofSeconds(5), attack);
                if (discarded) {
                    byte[] payload = "still there?".getBytes(StandardCharsets.US_ASCII);
                    assertArrayEquals(payload, session.ping(payload), attack + ": connection unusable after discard");
                }
            }
        }
        afterAttack(attack);
    }

    /**
     * WRITEs with CmdSN far ahead of and behind the command window. RFC 7143 section 4.2.2.1 says the target
     * silently ignores them (a Reject or a dropped connection is tolerated too); it must never execute them.
     */
    public void outOfWindowCmdSn(long lba) throws IOException {
        int blocks = 4;
        byte[] before = random(blocks, 91);
        healthy.write(lba, before);
        for (int offset : new int[] {100_000, -5, Integer.MIN_VALUE + 17}) {
            String attack = "a WRITE with CmdSN " + (offset > 0 ? "+" : "") + offset + " outside the window";
            try (IscsiSession session = endpoint.open(attackerLogin().build())) {
                byte[] intended = random(blocks, offset);
                int itt = session.newTaskTag();
                Pdu command = Pdu.of(Opcodes.SCSI_COMMAND, false).flags(0x80 | 0x20 | 0x01).lun(endpoint.lun())
                        .initiatorTaskTag(itt).intAt(20, intended.length).intAt(24, session.cmdSn() + offset)
                        .intAt(28, session.expStatSn()).bytesAt(32, Arrays.copyOf(Cdbs.write10(lba, blocks, false),
                                16)).data(session.parameters().immediateData() ? intended : new byte[0]);
                if (sendQuietly(session.connection(), encode(session, command, Corruption.NONE))) {
                    boolean ignored = awaitNoAnswer(session, itt, Duration.ofSeconds(3), attack);
                    if (ignored) {
                        byte[] payload = {1, 2, 3, 4};
                        assertArrayEquals(payload, session.ping(payload), attack + ": session unusable afterwards");
                        assertTrue(session.testUnitReady(endpoint.lun()).good(), attack + ": next command failed");
                    }
                }
            }
            assertArrayEquals(before, healthy.read(lba, blocks), attack + " was executed");
            afterAttack(attack);
        }
    }

    /**
     * Waits for the target's reaction to a PDU it must not act on.
     *
     * @return true when nothing came back for {@code itt} (ignored/discarded and connection still open), false
     *         when the target rejected or closed
     */
    private static boolean awaitNoAnswer(IscsiSession session, int itt, Duration wait, String attack) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            ReceiveOutcome outcome = session.connection().poll(Duration.ofNanos(left));
            if (outcome instanceof ReceiveOutcome.TimedOut) {
                return true;
            }
            if (!(outcome instanceof ReceiveOutcome.Received received)) {
                return false;
            }
            Pdu pdu = received.pdu();
            if (pdu.opcode() == Opcodes.REJECT) {
                return false;
            }
            if (pdu.initiatorTaskTag() == itt) {
                fail(attack + ": target acted on the PDU: " + pdu);
            }
            if (pdu.opcode() != Opcodes.NOP_IN && pdu.opcode() != Opcodes.ASYNC_MESSAGE) {
                fail(attack + ": unexpected " + pdu);
            }
        }
    }

    /**
     * {@code connections} connections sending seeded random input: pure noise, valid Login Requests with random
     * bit flips, and login headers with random fields. After sending, the attacker half-closes; the target must
     * close its side within 5 s (no hang, no leaked connection).
     */
    public void randomBytes(long seed, int connections) throws IOException {
        Random random = new Random(seed);
        byte[] validLogin = PduCodec.encode(loginRequest(validLoginText()), false, false, Corruption.NONE);
        for (int i = 0; i < connections; i++) {
            byte[] input = switch (i % 3) {
                case 0 -> noise(random, 1 + random.nextInt(4096));
                case 1 -> flipped(random, validLogin);
                default -> randomLoginHeader(random);
            };
            String attack = "random input #" + i + " (seed " + seed + ", kind " + i % 3 + ", " + input.length
                    + " bytes)";
            try (IscsiConnection connection = connect()) {
                if (sendQuietly(connection, input)) {
                    try {
                        connection.shutdownOutput();
                    } catch (IOException closedAlready) {
                        continue;
                    }
                    if (!connection.awaitClosed(Duration.ofSeconds(5))) {
                        fail(attack + ": target kept the connection open 5 s after end of input");
                    }
                }
            }
            if (i % 25 == 24) {
                afterAttack(attack);
            }
        }
        afterAttack("random input");
    }

    /** Login Requests whose text is malformed: no '=', empty key, no NUL, bad UTF-8, missing InitiatorName. */
    public void garbageLoginText() throws IOException {
        List<byte[]> texts = List.of(
                "InitiatorName\0SessionType\0".getBytes(StandardCharsets.US_ASCII),
                "=iqn.2026-11.x\0=Normal\0".getBytes(StandardCharsets.US_ASCII),
                ("InitiatorName=iqn.2026-11.x\0TargetName=" + endpoint.targetName()).getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, '=', (byte) 0xc3, 0x28, 0},
                ("SessionType=Normal\0TargetName=" + endpoint.targetName() + "\0AuthMethod=None\0")
                        .getBytes(StandardCharsets.UTF_8),
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
        for (int i = 0; i < texts.size(); i++) {
            String attack = "garbage login text #" + i;
            try (IscsiConnection connection = connect()) {
                if (sendQuietly(connection, PduCodec.encode(loginRequest(texts.get(i)), false, false,
                        Corruption.NONE))) {
                    Refusal refusal = Refusal.await(connection, REFUSAL_TIMEOUT, attack);
                    if (refusal.kind() == Refusal.Kind.LOGIN_REFUSED) {
                        assertEquals(2, refusal.pdu().byteAt(36), attack + ": Status-Class must be initiator error");
                    }
                    Refusal.awaitCloseAfterLoginFailure(connection, refusal, attack);
                }
            }
            afterAttack(attack);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] encode(IscsiSession session, Pdu pdu, Corruption corruption) {
        IscsiConnection c = session.connection();
        return PduCodec.encode(pdu, c.headerDigest(), c.dataDigest(), corruption);
    }

    private byte[] random(int blocks, long seed) {
        byte[] data = new byte[blocks * endpoint.blockSize()];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] filler(int length) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) 'A');
        return data;
    }

    private static byte[] noise(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private static byte[] flipped(Random random, byte[] valid) {
        byte[] data = valid.clone();
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips; f++) {
            data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return data;
    }

    private static byte[] randomLoginHeader(Random random) {
        byte[] header = noise(random, 48);
        header[0] = (byte) (0x40 | Opcodes.LOGIN_REQUEST);
        header[4] = 0;
        int length = random.nextInt(600);
        header[5] = 0;
        header[6] = (byte) (length >>> 8);
        header[7] = (byte) length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(noise(random, length + ((4 - (length & 3)) & 3)));
        return out.toByteArray();
    }
}
