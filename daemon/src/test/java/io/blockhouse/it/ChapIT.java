package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginException;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * CHAP against the packaged daemon, with two independent initiators (libiscsi's iscsi-inq and the test initiator):
 * the right secret logs in, a wrong one is refused, mutual CHAP works, and a target answering with the wrong mutual
 * secret is refused by the initiator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChapIT {

    static final String IQN = "iqn.2026-11.io.blockhouse.it:chap";
    static final String INITIATOR = "iqn.2026-11.io.blockhouse.it:chap-initiator";
    static final String USER = "chap-user";
    static final String SECRET = "chap-secret-0123";
    static final String TARGET_USER = "chap-target";
    static final String TARGET_SECRET = "target-secret-45"; // 16 bytes: RFC 7143 wants >= 12, some tools cap at 16

    DaemonProcess daemon;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        DaemonConfig config = new DaemonConfig().fileDevice("disk0", "disk0.img", "16M");
        config.target(IQN).chap(USER, SECRET).mutualChap(TARGET_USER, TARGET_SECRET).lun(0, "disk0");
        daemon = DaemonProcess.start(config, dir);
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            DaemonChecks.stopAndCheck(daemon, "ChapIT");
        }
    }

    private String url(String secret, String targetUser, String targetSecret) {
        return IscsiInq.url(daemon.host(), daemon.port(), IQN, 0, USER, secret, targetUser, targetSecret);
    }

    // ---------------------------------------------------------------- libiscsi iscsi-inq

    @Test
    void iscsiInqWithTheRightSecretSeesTheDisk() throws Exception {
        IscsiInq.Result result = IscsiInq.run(INITIATOR, url(SECRET, null, null));
        assertTrue(result.succeeded(), result.output());
        assertTrue(result.output().contains("DIRECT_ACCESS"), result.output());
    }

    @Test
    void iscsiInqWithAWrongSecretIsRefused() throws Exception {
        IscsiInq.Result result = IscsiInq.run(INITIATOR, url("wrong-secret-999", null, null));
        assertFalse(result.succeeded(), result.output());
        daemon.assertAlive();
    }

    @Test
    void iscsiInqWithoutCredentialsIsRefused() throws Exception {
        IscsiInq.Result result = IscsiInq.run(INITIATOR,
                IscsiInq.url(daemon.host(), daemon.port(), IQN, 0, null, null, null, null));
        assertFalse(result.succeeded(), result.output());
    }

    @Test
    void iscsiInqMutualChapWorks() throws Exception {
        IscsiInq.Result result = IscsiInq.run(INITIATOR, url(SECRET, TARGET_USER, TARGET_SECRET));
        assertTrue(result.succeeded(), result.output());
        assertTrue(result.output().contains("DIRECT_ACCESS"), result.output());
    }

    @Test
    void iscsiInqRefusesATargetThatFailsMutualChap() throws Exception {
        IscsiInq.Result result = IscsiInq.run(INITIATOR, url(SECRET, TARGET_USER, "not-the-target-secret"));
        assertFalse(result.succeeded(), result.output());
    }

    // ---------------------------------------------------------------- test initiator

    private LoginOptions.Builder login(String secret) {
        return LoginOptions.builder().initiatorName(INITIATOR).targetName(IQN).chap(USER, secret);
    }

    @Test
    void ownInitiatorWithTheRightSecretReadsAndWrites() throws Exception {
        try (IscsiSession session = IscsiSession.login(daemon.host(), daemon.port(), login(SECRET).build())) {
            session.clearUnitAttention(0);
            byte[] data = new byte[4096];
            java.util.Arrays.fill(data, (byte) 0x3c);
            assertTrue(session.write10(0, 8, data, 512).good());
            ScsiOutcome read = session.read10(0, 8, 8, 512);
            assertTrue(read.good(), read.toString());
            assertEquals(0x3c, read.data()[4095]);
            session.logout();
        }
    }

    @Test
    void ownInitiatorWithAWrongSecretIsRefused() {
        LoginException e = assertThrows(LoginException.class,
                () -> IscsiSession.login(daemon.host(), daemon.port(), login("wrong-secret-999").build()));
        assertTrue(e.isAuthenticationFailure(), e.getMessage());
    }

    @Test
    void ownInitiatorWithAWrongUserIsRefused() {
        LoginException e = assertThrows(LoginException.class, () -> IscsiSession.login(daemon.host(), daemon.port(),
                LoginOptions.builder().initiatorName(INITIATOR).targetName(IQN).chap("someone-else", SECRET)
                        .build()));
        assertTrue(e.isAuthenticationFailure(), e.getMessage());
    }

    @Test
    void ownInitiatorWithoutAuthenticationIsRefused() {
        LoginException e = assertThrows(LoginException.class, () -> IscsiSession.login(daemon.host(), daemon.port(),
                LoginOptions.builder().initiatorName(INITIATOR).targetName(IQN).build()));
        // either a login reject (Status-Class 2) or AuthMethod=Reject, after which the initiator gives up
        assertTrue(e.statusClass() == 2 || e.getMessage().contains("AuthMethod"), e.getMessage());
    }

    @Test
    void ownInitiatorMutualChapWorks() throws Exception {
        try (IscsiSession session = IscsiSession.login(daemon.host(), daemon.port(),
                login(SECRET).mutualChap(TARGET_USER, TARGET_SECRET).build())) {
            session.clearUnitAttention(0);
            assertTrue(session.inquiry(0).good());
            session.logout();
        }
    }

    @Test
    void ownInitiatorRefusesATargetThatFailsMutualChap() {
        LoginException e = assertThrows(LoginException.class, () -> IscsiSession.login(daemon.host(), daemon.port(),
                login(SECRET).mutualChap(TARGET_USER, "not-the-target-secret").build()));
        assertTrue(e.isInitiatorAbort(), e.getMessage());
    }
}
