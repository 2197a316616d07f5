package io.blockhouse.iscsi.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionAdmissionTest {
    private static final long MIB = 1 << 20;

    @Test
    void loginSlotsAreBoundedAndComeBack() {
        ConnectionAdmission a = new ConnectionAdmission(new AdmissionLimits(10, 2, 16 * MIB));
        assertTrue(a.loginStarted());
        assertTrue(a.loginStarted());
        assertFalse(a.loginStarted());
        assertEquals(1, a.refusedConnections());
        a.loginEnded();
        assertTrue(a.loginStarted());
        assertEquals(2, a.loginsInProgress());
    }

    @Test
    void sessionsFitBelowTheLimit() {
        ConnectionAdmission a = new ConnectionAdmission(new AdmissionLimits(2, 2, 16 * MIB));
        assertTrue(a.sessionFits(1));
        assertFalse(a.sessionFits(2));
        assertEquals(1, a.refusedSessions());
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new AdmissionLimits(0, 1, 16 * MIB));
        assertThrows(IllegalArgumentException.class, () -> new AdmissionLimits(1, 1, MIB));
    }

    @Test
    void defaultWriteBufferIsAQuarterOfTheHeapWithinBounds() {
        assertEquals(16 * MIB, AdmissionLimits.defaultWriteBufferBytes(32 * MIB));
        assertEquals(128 * MIB, AdmissionLimits.defaultWriteBufferBytes(512 * MIB));
        assertEquals(1024 * MIB, AdmissionLimits.defaultWriteBufferBytes(64L * 1024 * MIB));
        assertEquals(1024 * MIB, AdmissionLimits.defaultWriteBufferBytes(Long.MAX_VALUE));
    }
}
