package io.blockhouse.scsi.pr;

import static io.blockhouse.scsi.pr.PrHarness.assertConflict;
import static io.blockhouse.scsi.pr.PrHarness.assertGood;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blockhouse.scsi.Nexus;
import io.blockhouse.scsi.ScsiResult;
import io.blockhouse.scsi.ScsiStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The access matrix of SPC-4 5.12.9 / SBC-3 for each reservation type: what another initiator may do while
 * registered and after unregistering (the scenario libiscsi's ProutReserveAccess tests run over iSCSI).
 */
class ReservationConflictTest {
    private static final long KEY_A = 0x1111;
    private static final long KEY_B = 0x2222;

    private final PrHarness h = new PrHarness();
    private final Nexus a = h.login(PrHarness.NAME_A, 1);
    private final Nexus b = h.login(PrHarness.NAME_B, 1);

    @AfterEach
    void close() {
        h.close();
    }

    private boolean reads(Nexus n) {
        ScsiResult r = h.run(n, PrHarness.read10(1));
        if (r.status() == ScsiStatus.GOOD) {
            assertGood(r);
            return true;
        }
        assertConflict(r);
        return false;
    }

    private boolean writes(Nexus n) {
        ScsiResult r = h.run(n, PrHarness.write10(1), new byte[512]);
        if (r.status() == ScsiStatus.GOOD) {
            return true;
        }
        assertConflict(r);
        return false;
    }

    @ParameterizedTest
    @CsvSource({
        // type, registered B reads, registered B writes, unregistered B reads, unregistered B writes
        "EXCLUSIVE_ACCESS,                  false, false, false, false",
        "WRITE_EXCLUSIVE,                   true,  false, true,  false",
        "EXCLUSIVE_ACCESS_REGISTRANTS_ONLY, true,  true,  false, false",
        "WRITE_EXCLUSIVE_REGISTRANTS_ONLY,  true,  true,  true,  false",
        "EXCLUSIVE_ACCESS_ALL_REGISTRANTS,  true,  true,  false, false",
        "WRITE_EXCLUSIVE_ALL_REGISTRANTS,   true,  true,  true,  false"})
    void accessOfTheOtherInitiator(PrType type, boolean regRead, boolean regWrite, boolean unregRead,
                                   boolean unregWrite) {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, type));
        assertEquals(true, reads(a));
        assertEquals(true, writes(a));
        assertEquals(regRead, reads(b), "registered read");
        assertEquals(regWrite, writes(b), "registered write");
        assertGood(h.register(b, KEY_B, 0));
        assertEquals(unregRead, reads(b), "unregistered read");
        assertEquals(unregWrite, writes(b), "unregistered write");
    }

    @ParameterizedTest
    @EnumSource(PrType.class)
    void identificationAndStatusCommandsPassEveryReservation(PrType type) {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.reserve(a, KEY_A, type));
        assertGood(h.run(b, PrHarness.tur()));
        assertGood(h.run(b, PrHarness.cdb(0x12, 0, 0, 0, 96, 0))); // INQUIRY
        assertGood(h.run(b, PrHarness.cdb(0x25))); // READ CAPACITY (10)
        assertGood(h.run(b, PrHarness.cdb(0xA0, 0, 0, 0, 0, 0, 0, 0, 1, 0))); // REPORT LUNS
        assertGood(h.run(b, PrHarness.prin(ReadKeys.SERVICE_ACTION, 100)));
        assertConflict(h.run(b, PrHarness.cdb(0x35))); // SYNCHRONIZE CACHE counts as a write
        ScsiResult modeSense = h.run(b, PrHarness.cdb(0x1A, 0, 0x3F, 0, 255, 0));
        if (type.exclusiveAccess()) {
            assertConflict(modeSense);
        } else {
            assertGood(modeSense);
        }
    }

    @ParameterizedTest
    @EnumSource(PrType.class)
    void registeringStaysPossibleForAnyone(PrType type) {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.reserve(a, KEY_A, type));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.registerIgnore(b, KEY_B + 1));
    }

    @ParameterizedTest
    @EnumSource(value = PrType.class, names = {"WRITE_EXCLUSIVE", "EXCLUSIVE_ACCESS",
        "WRITE_EXCLUSIVE_REGISTRANTS_ONLY", "EXCLUSIVE_ACCESS_REGISTRANTS_ONLY"})
    void holderUnregisteringReleasesASingleHolderReservation(PrType type) {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, type));
        assertGood(h.register(a, KEY_A, 0));
        ScsiResult tur = h.run(b, PrHarness.tur());
        if (type.registrantsOnly()) {
            PrHarness.assertSense(tur, 0x6, 0x2A, 0x04); // RESERVATIONS RELEASED
        } else {
            assertGood(tur);
        }
        assertEquals(null, h.reservation(b));
        assertEquals(true, writes(b));
    }
}
