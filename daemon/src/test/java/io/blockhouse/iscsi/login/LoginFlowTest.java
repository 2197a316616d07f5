package io.blockhouse.iscsi.login;

import static io.blockhouse.iscsi.testing.InitiatorHarness.INITIATOR;
import static io.blockhouse.iscsi.testing.InitiatorHarness.ISID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.ChapCredentials;
import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.session.FullFeatureHandler;
import io.blockhouse.iscsi.session.SessionRegistry;
import io.blockhouse.iscsi.testing.InitiatorHarness;
import io.blockhouse.iscsi.testing.TargetPduView;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import io.blockhouse.iscsi.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginFlowTest {
    private static final String IQN = "iqn.2026-01.io.blockhouse:disk1";
    private final TestTarget target = new TestTarget(IQN, 64);
    private final TestCatalog catalog = new TestCatalog().add(target);
    private InitiatorHarness h = new InitiatorHarness(catalog, IscsiSettings.defaults());

    @AfterEach
    void close() {
        h.close();
    }

    private TargetPduView loginExpectingFailure(String... keys) {
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), Wire.text(keys));
        TargetPduView r = h.next(0x23);
        h.channel.runPendingTasks();
        assertFalse(h.channel.isOpen(), "connection closed after a failed login");
        return r;
    }

    @Test
    void operationalOnlyLoginReachesFullFeaturePhase() {
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 0x77, 10, 500), Wire.text("InitiatorName=" + INITIATOR,
                "TargetName=" + IQN, "SessionType=Normal", "HeaderDigest=CRC32C,None", "DataDigest=None",
                "MaxRecvDataSegmentLength=65536", "MaxBurstLength=262144", "FirstBurstLength=65536",
                "InitialR2T=No", "ImmediateData=Yes", "X-vendor.key=1"));
        TargetPduView r = h.next(0x23);
        assertEquals(0, r.loginStatus());
        assertEquals(0x87, r.flags(), "T=1, CSG=1, NSG=3");
        assertEquals(0x77, r.itt());
        assertEquals(500, r.statSN(), "StatSN starts at the initiator's ExpStatSN");
        assertEquals(10, r.expCmdSN());
        assertEquals(10 + 128 - 1, r.maxCmdSN());
        assertNotEquals(0, r.tsih(), "TSIH assigned in the final response");
        Map<String, String> keys = r.keys();
        assertEquals("1", keys.get("TargetPortalGroupTag"));
        assertEquals("CRC32C", keys.get("HeaderDigest"));
        assertEquals("None", keys.get("DataDigest"));
        assertEquals("262144", keys.get("MaxRecvDataSegmentLength"));
        assertEquals("NotUnderstood", keys.get("X-vendor.key"));
        assertEquals("No", keys.get("InitialR2T"));
        assertNotNull(h.channel.pipeline().get(FullFeatureHandler.class));
        assertEquals(1, target.nexuses().size());

        // Header digests are now on in both directions: a digested NOP ping is answered with a digested NOP-In.
        h.send(Wire.nopOut(true, 5, Wire.NO_TAG, 10));
        TargetPduView nop = h.next(0x20);
        assertEquals(501, nop.statSN());
        assertEquals(5, nop.itt());
    }

    @Test
    void securityThenOperationalStages() {
        h.send(Wire.login(true, false, 0, 1, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "TargetName=" + IQN, "AuthMethod=CHAP,None"));
        TargetPduView r1 = h.next(0x23);
        assertEquals(0, r1.loginStatus());
        assertEquals(0x81, r1.flags(), "T=1 CSG=0 NSG=1");
        assertEquals("None", r1.keys().get("AuthMethod"));
        assertEquals(0, r1.tsih(), "TSIH only in the final response");
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), Wire.text("MaxBurstLength=8192"));
        TargetPduView r2 = h.next(0x23);
        assertEquals(0x87, r2.flags());
        assertEquals("8192", r2.keys().get("MaxBurstLength"));
        assertEquals(r1.statSN() + 1, r2.statSN());
    }

    private static String md5Hex(int id, String secret, byte[] challenge) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update((byte) id);
        md.update(secret.getBytes(StandardCharsets.UTF_8));
        md.update(challenge);
        return "0x" + HexFormat.of().formatHex(md.digest());
    }

    @Test
    void chapLoginWithMutualAuthentication() throws Exception {
        target.chap = new ChapCredentials("user1", "secret-secret-1", "tgt", "mutual-secret-22");
        h.send(Wire.login(false, false, 0, 1, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "TargetName=" + IQN, "AuthMethod=CHAP,None"));
        TargetPduView r1 = h.next(0x23);
        assertEquals("CHAP", r1.keys().get("AuthMethod"));
        h.send(Wire.login(false, false, 0, 1, ISID, 0, 1, 1, 0), Wire.text("CHAP_A=5"));
        Map<String, String> challenge = h.next(0x23).keys();
        assertEquals("5", challenge.get("CHAP_A"));
        int id = Integer.parseInt(challenge.get("CHAP_I"));
        byte[] c = HexFormat.of().parseHex(challenge.get("CHAP_C").substring(2));
        h.send(Wire.login(true, false, 0, 1, ISID, 0, 1, 1, 0), Wire.text("CHAP_N=user1",
                "CHAP_R=" + md5Hex(id, "secret-secret-1", c), "CHAP_I=9", "CHAP_C=0x0102030405060708090a0b0c0d0e0f10"));
        TargetPduView r3 = h.next(0x23);
        assertEquals(0, r3.loginStatus());
        assertEquals(0x81, r3.flags(), "security stage done");
        assertEquals("tgt", r3.keys().get("CHAP_N"));
        assertEquals(md5Hex(9, "mutual-secret-22", HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10")),
                r3.keys().get("CHAP_R"));
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), Wire.text());
        assertEquals(0x87, h.next(0x23).flags());
    }

    @Test
    void chapWithWrongSecretFailsWithAuthenticationFailure() throws Exception {
        target.chap = new ChapCredentials("user1", "secret-secret-1", null, null);
        h.send(Wire.login(false, false, 0, 1, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "TargetName=" + IQN, "AuthMethod=CHAP", "CHAP_A=5"));
        Map<String, String> challenge = h.next(0x23).keys();
        int id = Integer.parseInt(challenge.get("CHAP_I"));
        byte[] c = HexFormat.of().parseHex(challenge.get("CHAP_C").substring(2));
        h.send(Wire.login(true, false, 0, 1, ISID, 0, 1, 1, 0), Wire.text("CHAP_N=user1",
                "CHAP_R=" + md5Hex(id, "wrong-secret-000", c)));
        assertEquals(0x0201, h.next(0x23).loginStatus());
        assertFalse(h.channel.isOpen());
    }

    @Test
    void authMethodNoneIsRefusedWhenChapIsRequired() {
        target.chap = new ChapCredentials("user1", "secret-secret-1", null, null);
        h.send(Wire.login(true, false, 0, 1, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "TargetName=" + IQN, "AuthMethod=None"));
        assertEquals(0x0201, h.next(0x23).loginStatus());
    }

    @Test
    void skippingSecurityWhenChapIsRequiredFails() {
        target.chap = new ChapCredentials("user1", "secret-secret-1", null, null);
        assertEquals(0x0201, loginExpectingFailure("InitiatorName=" + INITIATOR, "TargetName=" + IQN).loginStatus());
    }

    @Test
    void missingInitiatorName() {
        assertEquals(0x0207, loginExpectingFailure("TargetName=" + IQN).loginStatus());
    }

    @Test
    void missingTargetNameInNormalSession() {
        assertEquals(0x0207, loginExpectingFailure("InitiatorName=" + INITIATOR).loginStatus());
    }

    @Test
    void unknownTargetIsNotFound() {
        assertEquals(0x0203, loginExpectingFailure("InitiatorName=" + INITIATOR,
                "TargetName=iqn.2026-01.io.blockhouse:nope").loginStatus());
    }

    @Test
    void disabledTargetIsServiceUnavailable() {
        target.enabled = false;
        assertEquals(0x0301, loginExpectingFailure("InitiatorName=" + INITIATOR, "TargetName=" + IQN).loginStatus());
    }

    @Test
    void initiatorNotAdmittedIsAuthorizationFailure() {
        target.deniedInitiators = java.util.Set.of(INITIATOR);
        assertEquals(0x0202, loginExpectingFailure("InitiatorName=" + INITIATOR, "TargetName=" + IQN).loginStatus());
    }

    @Test
    void unknownSessionTypeIsRefused() {
        assertEquals(0x0209, loginExpectingFailure("InitiatorName=" + INITIATOR, "SessionType=Fancy")
                .loginStatus());
    }

    @Test
    void nonzeroTsihOfNoSessionIsSessionDoesNotExist() {
        h.send(Wire.login(true, false, 1, 3, ISID, 4242, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "TargetName=" + IQN));
        assertEquals(0x020a, h.next(0x23).loginStatus());
    }

    @Test
    void unsupportedVersionIsRefused() {
        byte[] bhs = Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0);
        bhs[2] = 2;
        bhs[3] = 1;
        h.send(bhs, Wire.text("InitiatorName=" + INITIATOR, "TargetName=" + IQN));
        assertEquals(0x0205, h.next(0x23).loginStatus());
    }

    @Test
    void nonLoginPduDuringLoginIsInvalid() {
        h.send(Wire.nopOut(true, 1, Wire.NO_TAG, 1));
        assertEquals(0x020b, h.next(0x23).loginStatus());
        h.channel.runPendingTasks();
        assertFalse(h.channel.isOpen());
    }

    @Test
    void renegotiatingAKeyFailsTheLogin() {
        h.send(Wire.login(false, false, 1, 3, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "TargetName=" + IQN, "MaxBurstLength=8192"));
        assertEquals(0, h.next(0x23).loginStatus());
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), Wire.text("MaxBurstLength=4096"));
        assertEquals(0x0200, h.next(0x23).loginStatus());
    }

    @Test
    void continuedLoginRequestTextIsReassembled() {
        byte[] all = Wire.text("InitiatorName=" + INITIATOR, "TargetName=" + IQN, "MaxBurstLength=16384");
        byte[] part1 = java.util.Arrays.copyOfRange(all, 0, 30);
        byte[] part2 = java.util.Arrays.copyOfRange(all, 30, all.length);
        h.send(Wire.login(false, true, 1, 3, ISID, 0, 1, 1, 0), part1);
        TargetPduView ack = h.next(0x23);
        assertEquals(0, ack.loginStatus());
        assertEquals(0, ack.dataSegmentLength(), "empty acknowledgement of a partial request");
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), part2);
        TargetPduView r = h.next(0x23);
        assertEquals(0x87, r.flags());
        assertEquals("16384", r.keys().get("MaxBurstLength"));
    }

    @Test
    void longLoginResponseIsContinued() {
        // 400 unknown keys are answered with 400 NotUnderstood lines: more than the 8192 bytes of one PDU.
        StringBuilder sb = new StringBuilder();
        sb.append("InitiatorName=").append(INITIATOR).append('\0').append("TargetName=").append(IQN).append('\0');
        for (int i = 0; i < 400; i++) {
            sb.append("X-blockhouse.test.key").append(i).append("=1").append('\0');
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        // Our request is longer than 8192 too, so send it in two continued PDUs.
        h.send(Wire.login(false, true, 1, 3, ISID, 0, 1, 1, 0), java.util.Arrays.copyOfRange(text, 0, 8000));
        h.next(0x23);
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), java.util.Arrays.copyOfRange(text, 8000,
                text.length));
        TargetPduView first = h.next(0x23);
        assertEquals(0x40, first.flags() & 0xc0, "C=1, T=0 on a partial response");
        assertEquals(8192, first.dataSegmentLength());
        StringBuilder answer = new StringBuilder(first.text());
        TargetPduView part = first;
        while ((part.flags() & 0x40) != 0) {
            h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), new byte[0]);
            part = h.next(0x23);
            answer.append(part.text());
        }
        assertEquals(0x87, part.flags(), "the last part transits to full feature phase");
        assertNotEquals(0, part.tsih());
        assertTrue(answer.toString().contains("X-blockhouse.test.key399=NotUnderstood"));
    }

    @Test
    void discoverySessionListsTargetsWithSendTargets() {
        target.portals = java.util.List.of(new java.net.InetSocketAddress("192.0.2.10", 3260),
                new java.net.InetSocketAddress("2001:db8::1", 3261));
        TestTarget hidden = new TestTarget("iqn.2026-01.io.blockhouse:hidden", 8);
        hidden.deniedInitiators = java.util.Set.of(INITIATOR);
        catalog.add(hidden);
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "SessionType=Discovery", "MaxBurstLength=8192"));
        TargetPduView r = h.next(0x23);
        assertEquals(0, r.loginStatus());
        assertEquals("Irrelevant", r.keys().get("MaxBurstLength"));
        assertFalse(r.keys().containsKey("TargetPortalGroupTag"));
        h.send(Wire.textRequest(true, true, false, 9, Wire.NO_TAG, 1), Wire.text("SendTargets=All"));
        TargetPduView t = h.next(0x24);
        assertTrue(t.finalBit());
        assertEquals("TargetName=" + IQN + "\0TargetAddress=192.0.2.10:3260,1\0TargetAddress=[2001:db8:0:0:0:0:0:1]"
                + ":3261,1\0", t.text());
        // Only Text and Logout are allowed in a discovery session.
        h.send(Wire.scsiCommand(true, true, false, false, 0, 3, 0, 1, new byte[16]));
        assertEquals(0x3f, h.next().opcode());
    }

    @Test
    void discoveryChapIsEnforced() {
        catalog.discoveryChap = new ChapCredentials("d", "discovery-secret", null, null);
        h.send(Wire.login(true, false, 0, 1, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "SessionType=Discovery", "AuthMethod=None"));
        assertEquals(0x0201, h.next(0x23).loginStatus());
    }

    @Test
    void reinstatementClosesTheOldSession() {
        SessionRegistry registry = new SessionRegistry();
        h.close();
        h = new InitiatorHarness(catalog, IscsiSettings.defaults(), registry);
        int firstTsih = h.loginNormal(IQN).tsih();
        InitiatorHarness second = new InitiatorHarness(catalog, IscsiSettings.defaults(), registry);
        try {
            int secondTsih = second.loginNormal(IQN).tsih();
            assertNotEquals(firstTsih, secondTsih);
            h.channel.runPendingTasks();
            assertFalse(h.channel.isOpen(), "old connection closed");
            assertTrue(target.nexuses().get(0).closed(), "old nexus closed (its tasks aborted)");
            assertFalse(target.nexuses().get(1).closed());
            assertEquals(1, registry.all().size());
        } finally {
            second.close();
        }
    }

    @Test
    void loginTimeoutClosesTheConnection() {
        h.send(Wire.login(false, false, 0, 1, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "TargetName=" + IQN));
        h.next(0x23);
        h.channel.advanceTimeBy(16, TimeUnit.SECONDS);
        h.channel.runPendingTasks();
        assertFalse(h.channel.isOpen());
    }

    @Test
    void targetProposesKeysWhoseDefaultsItCannotAccept() {
        h.close();
        IscsiSettings strict = new IscsiSettings(32, 65536, 65536, 16384, false, true, 1, true, true, 30, 15, 15);
        h = new InitiatorHarness(catalog, strict);
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "TargetName=" + IQN));
        TargetPduView offer = h.next(0x23);
        assertEquals(0, offer.loginStatus());
        assertEquals(0, offer.flags() & 0x80, "no transit while our proposals are unanswered");
        assertEquals("No", offer.keys().get("ImmediateData"));
        assertEquals("65536", offer.keys().get("MaxBurstLength"));
        assertEquals("16384", offer.keys().get("FirstBurstLength"));
        assertEquals("65536", offer.keys().get("MaxRecvDataSegmentLength"));
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), Wire.text("ImmediateData=No",
                "MaxBurstLength=65536", "FirstBurstLength=16384"));
        TargetPduView done = h.next(0x23);
        assertEquals(0x87, done.flags());
        assertTrue(done.keys().isEmpty(), "answers to our proposals need no reply: " + done.keys());
    }

    @Test
    void sendTargetsForOneNamedTarget() {
        TestTarget other = new TestTarget("iqn.2026-01.io.blockhouse:other", 8);
        catalog.add(other);
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), Wire.text("InitiatorName=" + INITIATOR,
                "SessionType=Discovery"));
        h.next(0x23);
        h.send(Wire.textRequest(true, true, false, 9, Wire.NO_TAG, 1), Wire.text("SendTargets=" + other.name()));
        assertEquals("TargetName=" + other.name() + "\0", h.next(0x24).text());
        h.send(Wire.textRequest(true, true, false, 10, Wire.NO_TAG, 1),
                Wire.text("SendTargets=iqn.2026-01.io.blockhouse:missing"));
        assertEquals("", h.next(0x24).text());
    }

    @Test
    void loginTextAboveTheLoginSegmentLimitFailsTheLogin() {
        byte[] text = new byte[8200];
        java.util.Arrays.fill(text, (byte) 'a');
        h.send(Wire.login(true, false, 1, 3, ISID, 0, 1, 1, 0), text);
        assertEquals(0x0200, h.next(0x23).loginStatus());
        h.channel.runPendingTasks();
        assertFalse(h.channel.isOpen());
    }
}
