package io.blockhouse.iscsi.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.session.SessionRegistry;
import io.blockhouse.iscsi.testing.InitiatorHarness;
import io.blockhouse.iscsi.testing.TargetPduView;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import io.blockhouse.iscsi.testing.Wire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session and login limits through the production login pipeline: a login beyond {@code maxSessions} fails with
 * 03/02 "out of resources" (RFC 7143 11.13.5), a connection beyond {@code maxLoginsInProgress} is closed at once, and
 * slots come back when logins finish or connections go.
 */
class LoginLimitsTest {
    private static final String IQN = "iqn.2026-01.io.blockhouse:limits";
    private final TestTarget target = new TestTarget(IQN, 64);
    private final TestCatalog catalog = new TestCatalog().add(target);
    private final List<InitiatorHarness> harnesses = new ArrayList<>();

    @AfterEach
    void close() {
        harnesses.forEach(InitiatorHarness::close);
    }

    private InitiatorHarness connect(SessionRegistry registry) {
        InitiatorHarness h = new InitiatorHarness(catalog, IscsiSettings.defaults(), registry);
        harnesses.add(h);
        return h;
    }

    private static TargetPduView login(InitiatorHarness h, int isidLow) {
        byte[] isid = {(byte) 0x80, 0x12, 0x34, 0x56, 0, (byte) isidLow};
        h.send(Wire.login(true, false, 1, 3, isid, 0, 1, 1, 0), Wire.text("InitiatorName=" + InitiatorHarness.INITIATOR,
                "TargetName=" + IQN, "SessionType=Normal"));
        return h.next(0x23);
    }

    @Test
    void aLoginBeyondTheSessionLimitIsOutOfResources() {
        SessionRegistry registry = new SessionRegistry(new ConnectionAdmission(new AdmissionLimits(2, 8,
                AdmissionLimits.MIN_WRITE_BUFFER_BYTES)));
        assertEquals(0, login(connect(registry), 1).loginStatus());
        assertEquals(0, login(connect(registry), 2).loginStatus());
        TargetPduView refused = login(connect(registry), 3);
        assertEquals(0x0302, refused.loginStatus(), "Target Error / Out of resources");
        assertEquals(2, registry.all().size());
        assertEquals(1, registry.admission().refusedSessions());
        assertTrue(target.lastNexus().closed(), "the refused login's nexus was closed again");

        assertEquals(0, login(connect(registry), 2).loginStatus(), "a reinstatement replaces a session: it fits");
        harnesses.get(0).channel.close();
        harnesses.get(0).channel.runPendingTasks();
        assertEquals(0, login(connect(registry), 4).loginStatus(), "a session that ended makes room");
    }

    @Test
    void connectionsBeyondTheLoginsInProgressLimitAreClosed() {
        SessionRegistry registry = new SessionRegistry(new ConnectionAdmission(new AdmissionLimits(8, 2,
                AdmissionLimits.MIN_WRITE_BUFFER_BYTES)));
        InitiatorHarness first = connect(registry);
        InitiatorHarness second = connect(registry);
        InitiatorHarness third = connect(registry);
        assertTrue(first.channel.isOpen());
        assertTrue(second.channel.isOpen());
        assertFalse(third.channel.isOpen(), "a third half-open connection is not kept");
        assertEquals(1, registry.admission().refusedConnections());

        assertEquals(0, login(first, 1).loginStatus());
        second.channel.close();
        second.channel.runPendingTasks();
        assertEquals(0, registry.admission().loginsInProgress(), "a finished login and a closed one free their slots");
        assertTrue(connect(registry).channel.isOpen());
        assertTrue(connect(registry).channel.isOpen());
    }
}
