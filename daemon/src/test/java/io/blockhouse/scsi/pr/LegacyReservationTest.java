package io.blockhouse.scsi.pr;

import static io.blockhouse.scsi.pr.PrHarness.assertConflict;
import static io.blockhouse.scsi.pr.PrHarness.assertGood;
import static io.blockhouse.scsi.pr.PrHarness.assertSense;
import static io.blockhouse.scsi.pr.PrHarness.cdb;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blockhouse.scsi.Nexus;
import io.blockhouse.scsi.TmfFunction;
import io.blockhouse.scsi.TmfResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RESERVE / RELEASE (6) and (10) per SPC-2, and how they meet persistent reservations (SPC-3 5.6.3). */
class LegacyReservationTest {
    private static final byte[] RESERVE_6 = cdb(0x16);
    private static final byte[] RELEASE_6 = cdb(0x17);
    private static final byte[] RESERVE_10 = cdb(0x56);
    private static final byte[] RELEASE_10 = cdb(0x57);

    private final PrHarness h = new PrHarness();
    private final Nexus a = h.login(PrHarness.NAME_A, 1);
    private final Nexus b = h.login(PrHarness.NAME_B, 1);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void anotherInitiatorIsLockedOutExceptForIdentificationAndRelease() {
        assertGood(h.run(a, RESERVE_6));
        assertGood(h.run(a, RESERVE_6)); // the holder may repeat it
        assertConflict(h.run(b, RESERVE_6));
        assertConflict(h.run(b, PrHarness.tur()));
        assertConflict(h.run(b, PrHarness.read10(0)));
        assertConflict(h.run(b, cdb(0x1A, 0, 0x3F, 0, 255, 0))); // MODE SENSE
        assertGood(h.run(b, cdb(0x12, 0, 0, 0, 96, 0))); // INQUIRY
        assertGood(h.run(b, cdb(0x03, 0, 0, 0, 18, 0))); // REQUEST SENSE
        assertGood(h.run(b, RELEASE_6)); // not the holder: nothing happens
        assertConflict(h.run(b, PrHarness.write10(0), new byte[512]));
        assertGood(h.run(a, PrHarness.write10(0), new byte[512]));
        assertGood(h.run(a, cdb(0x1A, 0, 0x3F, 0, 255, 0)));
        assertGood(h.run(a, RELEASE_6));
        assertGood(h.run(b, RESERVE_10));
        assertConflict(h.run(a, PrHarness.read10(0)));
        assertGood(h.run(b, RELEASE_10));
        assertGood(h.run(a, PrHarness.read10(0)));
    }

    @Test
    void persistentReserveCommandsConflictWithAReserveEvenFromItsHolder() {
        assertGood(h.run(a, RESERVE_6));
        assertConflict(h.run(a, PrHarness.prin(ReadKeys.SERVICE_ACTION, 100)));
        assertConflict(h.register(a, 0, 1));
        assertConflict(h.register(b, 0, 1));
    }

    @Test
    void reserveAndReleaseConflictWhileRegistrationsExist() {
        assertGood(h.register(b, 0, 0x42));
        assertConflict(h.run(a, RESERVE_6));
        assertConflict(h.run(b, RESERVE_10));
        assertConflict(h.run(a, RELEASE_6));
        assertGood(h.register(b, 0x42, 0));
        assertGood(h.run(a, RESERVE_6));
    }

    @Test
    void logicalUnitResetEndsTheReservation() {
        assertGood(h.run(a, RESERVE_6));
        assertEquals(TmfResponse.FUNCTION_COMPLETE, h.tmf(a, TmfFunction.LOGICAL_UNIT_RESET));
        assertSense(h.run(b, RESERVE_6), 0x6, 0x29, 0x03);
        assertGood(h.run(b, RESERVE_6));
    }

    @Test
    void targetResetEndsTheReservation() {
        assertGood(h.run(a, RESERVE_6));
        assertEquals(TmfResponse.FUNCTION_COMPLETE, h.tmf(b, TmfFunction.TARGET_WARM_RESET));
        assertSense(h.run(b, RESERVE_6), 0x6, 0x29, 0x00);
        assertGood(h.run(b, RESERVE_6));
    }

    @Test
    void nexusLossEndsTheReservationAndPersistentStateSurvivesIt() {
        Nexus c = h.login(PrHarness.NAME_A, 9);
        assertGood(h.run(c, RESERVE_6));
        assertConflict(h.run(b, PrHarness.tur()));
        c.close();
        assertGood(h.run(b, RESERVE_6));
        assertGood(h.run(b, RELEASE_6));

        Nexus d = h.login(PrHarness.NAME_A, 10);
        assertGood(h.register(d, 0, 0x99));
        assertGood(h.reserve(d, 0x99, PrType.WRITE_EXCLUSIVE));
        d.close();
        assertConflict(h.run(b, PrHarness.write10(0), new byte[512]));
        Nexus again = h.login(PrHarness.NAME_A, 10); // a re-login with the same ISID is the same I_T nexus
        assertGood(h.run(again, PrHarness.write10(0), new byte[512]));
        assertGood(h.release(again, 0x99, PrType.WRITE_EXCLUSIVE));
    }

    @Test
    void thirdPartyReservationsAreRefused() {
        assertSense(h.run(a, cdb(0x56, 0x10)), 0x5, 0x24, 0x00);
        assertSense(h.run(a, cdb(0x16, 0x01)), 0x5, 0x24, 0x00);
    }
}
