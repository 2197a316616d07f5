package io.blockhouse.iscsi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.blockhouse.iscsi.stats.IscsiCounters.LoginFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class IscsiCountersTest {

    @Test
    void loginStatusesMapToFixedReasons() {
        assertEquals(LoginFailure.AUTHENTICATION, LoginFailure.of(0x0201));
        assertEquals(LoginFailure.AUTHORIZATION, LoginFailure.of(0x0202));
        assertEquals(LoginFailure.NOT_FOUND, LoginFailure.of(0x0203));
        assertEquals(LoginFailure.NOT_FOUND, LoginFailure.of(0x0204));
        assertEquals(LoginFailure.TOO_MANY_CONNECTIONS, LoginFailure.of(0x0206));
        assertEquals(LoginFailure.INITIATOR_ERROR, LoginFailure.of(0x0200));
        assertEquals(LoginFailure.INITIATOR_ERROR, LoginFailure.of(0x020b));
        assertEquals(LoginFailure.TARGET_UNAVAILABLE, LoginFailure.of(0x0301));
        assertEquals(LoginFailure.TARGET_ERROR, LoginFailure.of(0x0300));
        assertEquals(LoginFailure.TARGET_ERROR, LoginFailure.of(0x0302));
        assertEquals("too_many_connections", LoginFailure.TOO_MANY_CONNECTIONS.label());
    }

    @Test
    void chapFailuresAreAuthenticationFailuresDuringAChapExchange() {
        IscsiCounters c = new IscsiCounters();
        c.loginFailed(0x0201, true);
        c.loginFailed(0x0201, false); // e.g. the initiator offered no CHAP at all
        c.loginFailed(0x0202, true);  // refused, but not by the CHAP exchange
        c.loginTimedOut();
        c.loginSucceeded(false);
        c.loginSucceeded(true);
        c.loginSucceeded(true);
        assertEquals(1, c.chapFailures());
        assertEquals(2, c.loginFailures(LoginFailure.AUTHENTICATION));
        assertEquals(1, c.loginFailures(LoginFailure.AUTHORIZATION));
        assertEquals(1, c.loginFailures(LoginFailure.TIMEOUT));
        assertEquals(1, c.logins(false));
        assertEquals(2, c.logins(true));
    }

    @Test
    void rejectsAreCountedByReasonWithUnknownReasonsAsOther() {
        IscsiCounters c = new IscsiCounters();
        c.rejected(0x02);
        c.rejected(0x02);
        c.rejected(0x04);
        c.rejected(0x0b); // reserved
        c.rejected(0x7f);
        assertEquals(2, c.rejects("data_digest_error"));
        assertEquals(1, c.rejects("protocol_error"));
        assertEquals(2, c.rejects("other"));
        assertEquals(0, c.rejects("waiting_for_logout"));
        List<String> reasons = IscsiCounters.rejectReasons();
        assertEquals(11, reasons.size());
        assertEquals("other", reasons.get(reasons.size() - 1));
        assertThrows(IllegalArgumentException.class, () -> c.rejects("nonsense"));
        c.headerDigestError();
        assertEquals(1, c.headerDigestErrors());
    }
}
