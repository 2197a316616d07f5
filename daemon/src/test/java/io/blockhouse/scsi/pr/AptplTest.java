package io.blockhouse.scsi.pr;

import static io.blockhouse.scsi.pr.PrHarness.assertConflict;
import static io.blockhouse.scsi.pr.PrHarness.assertGood;
import static io.blockhouse.scsi.pr.PrHarness.assertSense;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.Nexus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * APTPL: state saved through {@link FileReservationStore} and found again by a new logical unit (a daemon restart),
 * removed when APTPL is cleared, refused changes when it cannot be saved, and what a corrupt file leads to.
 */
class AptplTest {
    private static final int APTPL = 0x01;
    private static final long KEY_A = 0xFEEDFACECAFEBEEFL;
    private static final long KEY_B = 0x0BL;

    @TempDir
    Path dir;

    private FileReservationStore store() {
        return new FileReservationStore(dir.resolve("reservations"));
    }

    private Path file() {
        return dir.resolve("reservations").resolve("lu0.json");
    }

    @Test
    void registrationsAndTheReservationSurviveARestart() {
        try (PrHarness before = new PrHarness(store())) {
            Nexus a = before.login(PrHarness.NAME_A, 1);
            Nexus b = before.login(PrHarness.NAME_B, 1);
            assertGood(before.register(a, 0, KEY_A, APTPL));
            assertGood(before.register(b, 0, KEY_B, APTPL));
            assertGood(before.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE));
            byte[] caps = before.prinData(a, ReportCapabilities.SERVICE_ACTION);
            assertEquals(0x01, caps[2] & 0x01, "PTPL_C");
            assertEquals(0x01, caps[3] & 0x01, "PTPL_A");
        }
        assertTrue(Files.exists(file()));
        try (PrHarness after = new PrHarness(store())) {
            Nexus a = after.login(PrHarness.NAME_A, 1);
            Nexus b = after.login(PrHarness.NAME_B, 1);
            assertEquals(List.of(KEY_A, KEY_B), after.keys(b));
            assertArrayEquals(new long[] {KEY_A, PrType.WRITE_EXCLUSIVE.code()}, after.reservation(b));
            assertEquals(2, after.generation(a));
            assertConflict(after.run(b, PrHarness.write10(0), new byte[512]));
            assertGood(after.run(a, PrHarness.write10(0), new byte[512]));
            Nexus newIsid = after.login(PrHarness.NAME_A, 2);
            assertConflict(after.reserve(newIsid, KEY_A, PrType.WRITE_EXCLUSIVE)); // another I_T nexus
        }
    }

    @Test
    void registerWithAptplZeroForgetsTheSavedState() {
        try (PrHarness h = new PrHarness(store())) {
            Nexus a = h.login(PrHarness.NAME_A, 1);
            assertGood(h.register(a, 0, KEY_A, APTPL));
            assertTrue(Files.exists(file()));
            assertGood(h.register(a, KEY_A, KEY_B, 0));
            assertFalse(Files.exists(file()));
            assertEquals(0, h.prinData(a, ReportCapabilities.SERVICE_ACTION)[3] & 0x01, "PTPL_A off");
        }
        try (PrHarness h = new PrHarness(store())) {
            assertEquals(List.of(), h.keys(h.login(PrHarness.NAME_A, 1)));
        }
    }

    @Test
    void withoutAptplNothingIsWritten() {
        try (PrHarness h = new PrHarness(store())) {
            Nexus a = h.login(PrHarness.NAME_A, 1);
            assertGood(h.register(a, 0, KEY_A));
            assertGood(h.reserve(a, KEY_A, PrType.EXCLUSIVE_ACCESS));
        }
        assertFalse(Files.exists(file()));
    }

    @Test
    void aChangeThatCannotBeSavedIsRefusedAndUndone() throws IOException {
        Files.createDirectories(dir.resolve("reservations"));
        try (PrHarness h = new PrHarness(store())) {
            Nexus a = h.login(PrHarness.NAME_A, 1);
            assertGood(h.register(a, 0, KEY_A, APTPL));
            // A directory where the temporary file goes makes every later save fail.
            Files.createDirectories(dir.resolve("reservations").resolve("lu0.json.tmp"));
            assertSense(h.register(a, KEY_A, KEY_B, APTPL), 0x5, 0x55, 0x04);
            assertEquals(List.of(KEY_A), h.keys(a));
            assertSense(h.reserve(a, KEY_A, PrType.WRITE_EXCLUSIVE), 0x5, 0x55, 0x04);
            assertNull(h.reservation(a));
            assertEquals(1, h.generation(a));
        }
    }

    @Test
    void aCorruptFileIsMovedAsideAndTheUnitStartsEmpty() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\":1,\"generation\":");
        try (PrHarness h = new PrHarness(store())) {
            Nexus a = h.login(PrHarness.NAME_A, 1);
            assertEquals(List.of(), h.keys(a));
            assertGood(h.run(a, PrHarness.write10(0), new byte[512]));
        }
        assertFalse(Files.exists(file()));
        assertTrue(Files.readString(file().resolveSibling("lu0.json.corrupt")).startsWith("{\"version\":1"));
    }

    @Test
    void aHolderThatIsNotRegisteredMakesTheFileCorrupt() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"version":1,"generation":3,"aptpl":true,
                 "registrations":[{"initiator":"iqn.x,i,0x000000000001","targetPortId":1,"key":"0000000000000001"}],
                 "reservation":{"type":1,"holderInitiator":"iqn.y,i,0x000000000001","holderTargetPortId":1}}
                """);
        try (PrHarness h = new PrHarness(store())) {
            assertEquals(List.of(), h.keys(h.login(PrHarness.NAME_A, 1)));
        }
        assertFalse(Files.exists(file()));
        assertTrue(Files.exists(file().resolveSibling("lu0.json.corrupt")), "kept for inspection");
    }

    @Test
    void unitNamesThatCouldLeaveTheDirectoryAreRefused() {
        FileReservationStore s = store();
        for (String bad : List.of("../x", "a/b", "", "a b")) {
            try {
                s.fileOf(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
        assertEquals(dir.resolve("reservations").resolve("..x.json").toAbsolutePath(), s.fileOf("..x"));
    }
}
