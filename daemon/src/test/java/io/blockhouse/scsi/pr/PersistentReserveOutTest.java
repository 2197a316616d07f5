package io.blockhouse.scsi.pr;

import static io.blockhouse.scsi.pr.PrHarness.assertConflict;
import static io.blockhouse.scsi.pr.PrHarness.assertGood;
import static io.blockhouse.scsi.pr.PrHarness.assertSense;
import static io.blockhouse.scsi.pr.PrHarness.params;
import static io.blockhouse.scsi.pr.PrHarness.prout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.blockhouse.scsi.Nexus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PERSISTENT RESERVE OUT service actions between two initiators on one logical unit. */
class PersistentReserveOutTest {
    private static final long KEY_A = 0xA1A2A3A4A5A6A7A8L;
    private static final long KEY_B = 0x0B;

    private final PrHarness h = new PrHarness();
    private final Nexus a = h.login(PrHarness.NAME_A, 1);
    private final Nexus b = h.login(PrHarness.NAME_B, 1);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void registerChangeAndUnregisterBumpTheGeneration() {
        assertEquals(0, h.generation(a));
        assertGood(h.register(a, 0, KEY_A));
        assertEquals(List.of(KEY_A), h.keys(b));
        assertGood(h.register(a, KEY_A, 0x77));
        assertEquals(List.of(0x77L), h.keys(a));
        assertGood(h.register(a, 0x77, 0));
        assertEquals(List.of(), h.keys(a));
        assertEquals(3, h.generation(a));
    }

    @Test
    void registerWithAWrongKeyConflictsAndChangesNothing() {
        assertConflict(h.register(a, 5, KEY_A)); // unregistered, non-zero reservation key
        assertGood(h.register(a, 0, KEY_A));
        assertConflict(h.register(a, 0x99, 0x55));
        assertEquals(List.of(KEY_A), h.keys(a));
        assertEquals(1, h.generation(a));
    }

    @Test
    void registerWithZeroKeysOnAnUnregisteredNexusIsANoOp() {
        assertGood(h.register(a, 0, 0));
        assertEquals(List.of(), h.keys(a));
        assertEquals(0, h.generation(a));
    }

    @Test
    void registerAndIgnoreExistingKeyReplacesWhateverWasThere() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.registerIgnore(a, 0x1234));
        assertEquals(List.of(0x1234L), h.keys(a));
        assertGood(h.registerIgnore(a, 0));
        assertEquals(List.of(), h.keys(a));
    }

    @Test
    void theSameInitiatorWithAnotherIsidIsAnotherNexus() {
        Nexus a2 = h.login(PrHarness.NAME_A, 2);
        assertGood(h.register(a, 0, KEY_A));
        assertConflict(h.reserve(a2, KEY_A, PrType.WRITE_EXCLUSIVE)); // not registered through this I_T nexus
        assertGood(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE));
        assertConflict(h.run(a2, PrHarness.write10(0), new byte[512]));
    }

    @Test
    void reserveNeedsARegistrationWithTheRightKey() {
        assertConflict(h.reserve(a, KEY_A, PrType.EXCLUSIVE_ACCESS));
        assertGood(h.register(a, 0, KEY_A));
        assertConflict(h.reserve(a, KEY_B, PrType.EXCLUSIVE_ACCESS));
        assertGood(h.reserve(a, KEY_A, PrType.EXCLUSIVE_ACCESS));
        assertArrayEquals(new long[] {KEY_A, 3}, h.reservation(b));
        assertGood(h.reserve(a, KEY_A, PrType.EXCLUSIVE_ACCESS)); // the holder repeating itself
        assertConflict(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE)); // another type, even for the holder
        assertEquals(1, h.generation(a), "RESERVE does not change PRgeneration");
    }

    @Test
    void anotherRegistrantCannotReserveOverTheHolder() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE));
        assertConflict(h.reserve(b, KEY_B, PrType.WRITE_EXCLUSIVE));
    }

    @Test
    void allRegistrantsReservationsReportKeyZeroAndEveryRegistrantHoldsThem() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, PrType.EXCLUSIVE_ACCESS_ALL_REGISTRANTS));
        assertArrayEquals(new long[] {0, 8}, h.reservation(a));
        assertGood(h.reserve(b, KEY_B, PrType.EXCLUSIVE_ACCESS_ALL_REGISTRANTS));
        assertGood(h.register(a, KEY_A, 0)); // the reservation stays while a registrant remains
        assertArrayEquals(new long[] {0, 8}, h.reservation(b));
        assertGood(h.release(b, KEY_B, PrType.EXCLUSIVE_ACCESS_ALL_REGISTRANTS));
        assertNull(h.reservation(b));
    }

    @Test
    void releaseByANonHolderDoesNothing() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE));
        assertGood(h.release(b, KEY_B, PrType.WRITE_EXCLUSIVE));
        assertArrayEquals(new long[] {KEY_A, 1}, h.reservation(b));
    }

    @Test
    void releaseOfAnotherTypeIsAnInvalidRelease() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE));
        assertSense(h.release(a, KEY_A, PrType.EXCLUSIVE_ACCESS), 0x5, 0x26, 0x04);
        assertArrayEquals(new long[] {KEY_A, 1}, h.reservation(a));
        assertConflict(h.release(a, KEY_B, PrType.WRITE_EXCLUSIVE));
        assertGood(h.release(a, KEY_A, PrType.WRITE_EXCLUSIVE));
        assertNull(h.reservation(a));
    }

    @Test
    void releasingARegistrantsOnlyReservationTellsTheOtherRegistrants() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY));
        assertGood(h.release(a, KEY_A, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY));
        assertSense(h.run(b, PrHarness.tur()), 0x6, 0x2A, 0x04);
        assertGood(h.run(a, PrHarness.tur()));
    }

    @Test
    void releasingAWriteExclusiveReservationRaisesNoUnitAttention() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE));
        assertGood(h.release(a, KEY_A, PrType.WRITE_EXCLUSIVE));
        assertGood(h.run(b, PrHarness.tur()));
    }

    @Test
    void holderUnregisteringEndsARegistrantsOnlyReservationWithAUnitAttention() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY));
        assertGood(h.register(a, KEY_A, 0));
        assertNull(h.reservation(a));
        assertSense(h.run(b, PrHarness.tur()), 0x6, 0x2A, 0x04);
    }

    @Test
    void clearRemovesEverythingAndPreemptsTheOthers() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(b, KEY_B, PrType.EXCLUSIVE_ACCESS));
        assertConflict(h.clear(a, KEY_B));
        assertGood(h.clear(a, KEY_A));
        assertEquals(List.of(), h.keys(a));
        assertNull(h.reservation(a));
        assertEquals(3, h.generation(a));
        assertSense(h.run(b, PrHarness.tur()), 0x6, 0x2A, 0x03);
        assertGood(h.run(b, PrHarness.write10(0), new byte[512]));
    }

    @Test
    void preemptRemovesTheRegistrationAndBumpsTheGenerationOnce() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        long before = h.generation(a);
        assertGood(h.preempt(b, KEY_B, KEY_A, PrType.EXCLUSIVE_ACCESS, false));
        assertEquals(List.of(KEY_B), h.keys(b));
        assertEquals(before + 1, h.generation(b));
        assertNull(h.reservation(b), "no reservation existed, so none is created");
        assertSense(h.run(a, PrHarness.tur()), 0x6, 0x2A, 0x05);
    }

    @Test
    void preemptOfTheHolderTakesTheReservationOver() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE));
        assertGood(h.preempt(b, KEY_B, KEY_A, PrType.EXCLUSIVE_ACCESS, false));
        assertArrayEquals(new long[] {KEY_B, 3}, h.reservation(b));
        assertSense(h.run(a, PrHarness.tur()), 0x6, 0x2A, 0x05);
        assertConflict(h.run(a, PrHarness.read10(0)));
    }

    @Test
    void preemptOfAnUnknownKeyConflictsAndAZeroKeyIsInvalid() {
        assertGood(h.register(a, 0, KEY_A));
        assertConflict(h.preempt(a, KEY_A, 0x4242, PrType.WRITE_EXCLUSIVE, false));
        assertSense(h.preempt(a, KEY_A, 0, PrType.WRITE_EXCLUSIVE, false), 0x5, 0x26, 0x00);
        assertConflict(h.preempt(b, 0, KEY_A, PrType.WRITE_EXCLUSIVE, false)); // b is not registered
    }

    @Test
    void preemptWithZeroKeyEndsAnAllRegistrantsReservation() {
        assertGood(h.register(a, 0, KEY_A));
        assertGood(h.register(b, 0, KEY_B));
        assertGood(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE_ALL_REGISTRANTS));
        assertGood(h.preempt(b, KEY_B, 0, PrType.WRITE_EXCLUSIVE, false));
        assertEquals(List.of(KEY_B), h.keys(b));
        assertArrayEquals(new long[] {KEY_B, 1}, h.reservation(b));
    }

    @Test
    void parameterListOtherThan24BytesIsALengthError() {
        assertSense(h.run(a, prout(Register.REGISTER, null, 23), new byte[23]), 0x5, 0x1A, 0x00);
        assertSense(h.run(a, prout(Reserve.SERVICE_ACTION, PrType.WRITE_EXCLUSIVE, 28), new byte[28]),
                0x5, 0x1A, 0x00);
        assertSense(h.run(a, prout(Register.REGISTER, null, 24), new byte[10]), 0x5, 0x1A, 0x00);
    }

    @Test
    void badScopeOrTypeIsAnInvalidFieldInTheCdb() {
        assertGood(h.register(a, 0, KEY_A));
        byte[] cdb = prout(Reserve.SERVICE_ACTION, null, 24);
        cdb[2] = 0x02; // type 2 is obsolete
        assertSense(h.run(a, cdb, params(KEY_A, 0, 0)), 0x5, 0x24, 0x00);
        cdb[2] = 0x21; // element scope
        assertSense(h.run(a, cdb, params(KEY_A, 0, 0)), 0x5, 0x24, 0x00);
    }

    @Test
    void aptplIsRefusedWithoutAPersistentStore() {
        assertSense(h.register(a, 0, KEY_A, 0x01), 0x5, 0x26, 0x00);
        assertEquals(List.of(), h.keys(a));
    }

    @Test
    void unknownServiceActionsAreRejected() {
        assertSense(h.run(a, prout(0x08, null, 24), params(0, 0, 0)), 0x5, 0x24, 0x00);
        assertSense(h.run(a, PrHarness.prin(0x04, 100)), 0x5, 0x24, 0x00);
    }
}
