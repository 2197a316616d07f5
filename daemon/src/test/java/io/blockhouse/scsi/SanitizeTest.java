package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ThinCdbs.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blockhouse.scsi.exec.LunCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SANITIZE OVERWRITE and BLOCK ERASE on file and RAM back-ends. */
class SanitizeTest {
    private static final int BLOCKS = 2048;

    @TempDir
    Path dir;

    private BackendHarness h;
    private Nexus n;

    @AfterEach
    void close() {
        n.close();
        h.close();
    }

    private void open(boolean file) throws IOException {
        h = file ? BackendHarness.file(dir.resolve("s.img"), BLOCKS * 512L) : BackendHarness.ram(BLOCKS * 512L);
        n = h.openReady(ScsiHarness.INITIATOR_A, 1);
    }

    private static byte[] sanitize(int serviceAction, int parameterLength) {
        return cdb(0x48, serviceAction, 0, 0, 0, 0, 0, parameterLength >>> 8, parameterLength, 0);
    }

    private static byte[] overwriteList(int byte0, byte[] pattern) {
        byte[] p = new byte[4 + pattern.length];
        p[0] = (byte) byte0;
        p[2] = (byte) (pattern.length >>> 8);
        p[3] = (byte) pattern.length;
        System.arraycopy(pattern, 0, p, 4, pattern.length);
        return p;
    }

    @Test
    void overwriteRepeatsThePatternOverEveryBlock() throws IOException {
        open(true);
        h.write(n, 0, pattern(8 * 512, 1));
        byte[] list = overwriteList(0x82, new byte[] {0x12, 0x34, 0x56}); // INVERT, 2 passes
        assertGood(h.run(n, sanitize(0x01, list.length), list));
        for (long lba : new long[] {0, 1000, BLOCKS - 1}) {
            byte[] b = h.read(n, lba, 1);
            for (int i = 0; i < 512; i++) {
                assertEquals(new byte[] {0x12, 0x34, 0x56}[i % 3], b[i], "LBA " + lba + " byte " + i);
            }
        }
    }

    @Test
    void overwriteParameterErrors() throws IOException {
        open(false);
        byte[] list = overwriteList(0x01, new byte[4]);
        SenseAssert.assertSense(h.run(n, sanitize(0x01, 4), Arrays.copyOf(list, 4)), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(n, sanitize(0x01, 517), new byte[517]), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(n, sanitize(0x01, list.length), overwriteList(0x00, new byte[4])), 0x5,
                0x26, 0x00); // OVERWRITE COUNT 0
        byte[] noPattern = Arrays.copyOf(overwriteList(0x01, new byte[0]), 8); // INITIALIZATION PATTERN LENGTH 0
        SenseAssert.assertSense(h.run(n, sanitize(0x01, 8), noPattern), 0x5, 0x26, 0x00);
        SenseAssert.assertSense(h.run(n, sanitize(0x03, 0)), 0x5, 0x24, 0x00); // no CRYPTOGRAPHIC ERASE
        SenseAssert.assertSense(h.run(n, cdb(0x48, 0x42, 0, 0, 0, 0, 0, 0, 0, 0)), 0x5, 0x24, 0x00);
        SenseAssert.assertSense(h.run(n, cdb(0x48, 0x02, 0, 0, 1, 0, 0, 0, 0, 0)), 0x5, 0x24, 0x00);
        assertGood(h.run(n, sanitize(0x1F, 0)));
    }

    @Test
    void blockEraseReleasesTheWholeMedium() throws IOException {
        open(true);
        h.write(n, 0, pattern(64 * 512, 1));
        h.write(n, BLOCKS - 64, pattern(64 * 512, 2));
        assertGood(h.run(n, sanitize(0x02, 0)));
        assertArrayEquals(new byte[64 * 512], h.read(n, 0, 64));
        assertArrayEquals(new byte[64 * 512], h.read(n, BLOCKS - 64, 64));
        byte[] status = dataIn(h.run(n, ThinCdbs.getLbaStatus(0, 64)));
        assertEquals(BLOCKS, get(status, 16, 4));
        assertEquals(1, status[20], "the whole medium is deallocated");
        SenseAssert.assertSense(h.run(n, sanitize(0x02, 8), new byte[8]), 0x5, 0x24, 0x00);
        byte[] bdc = dataIn(h.run(n, cdb(0x12, 1, 0xB1, 0, 64, 0)));
        assertEquals(0x40, bdc[7] & 0xC0, "WABEREQ 01b: reads succeed after a block erase");
    }

    @Test
    void whileASanitizeRunsOnlyInquiryReportLunsAndRequestSenseAreServed() throws Exception {
        GatedRamBackend slow = new GatedRamBackend(BLOCKS * 512L, true);
        h = new BackendHarness(slow, 512);
        n = h.openReady(ScsiHarness.INITIATOR_A, 1);
        Nexus other = h.openReady(ScsiHarness.INITIATOR_B, 2);
        slow.close(true);
        byte[] list = overwriteList(0x01, new byte[] {0x5A});
        byte[] immediate = sanitize(0x01, list.length);
        immediate[1] |= (byte) 0x80;
        assertGood(h.run(n, immediate, list));
        SenseAssert.assertSense(h.run(n, cdb(0x00)), 0x2, 0x04, 0x1B);
        SenseAssert.assertSense(h.run(other, ScsiHarness.read10(0, 1)), 0x2, 0x04, 0x1B);
        SenseAssert.assertSense(h.run(other, cdb(0x1B, 0, 0, 0, 1, 0)), 0x2, 0x04, 0x1B); // START STOP UNIT
        SenseAssert.assertSense(h.run(other, sanitize(0x02, 0)), 0x2, 0x04, 0x1B);
        assertGood(h.run(other, cdb(0x12, 0, 0, 0, 36, 0)));
        assertGood(h.run(other, cdb(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 64, 0, 0)));
        byte[] sense = dataIn(h.run(other, cdb(0x03, 0, 0, 0, 18, 0)));
        assertEquals(0x2, sense[2] & 0x0F);
        assertEquals(0x04, sense[12]);
        assertEquals(0x1B, sense[13]);
        // A LOGICAL UNIT RESET does not stop it.
        assertEquals(TmfResponse.FUNCTION_COMPLETE, other.taskManagement(TmfFunction.LOGICAL_UNIT_RESET,
                LunCodec.encode(0), 77).get(30, TimeUnit.SECONDS));
        SenseAssert.assertSense(h.run(other, cdb(0x00)), 0x6, 0x29, 0x03);
        SenseAssert.assertSense(h.run(other, cdb(0x00)), 0x2, 0x04, 0x1B);
        slow.open();
        awaitTestUnitReady(other, true);
        byte[] b = h.read(other, BLOCKS - 1, 1);
        for (byte x : b) {
            assertEquals(0x5A, x);
        }
        other.close();
    }

    /** Found by CdbFuzzTest: the unit closed its back-end under a running sanitize, which then failed half way. */
    @Test
    void closingTheUnitWaitsForTheSanitizeInProgress() throws Exception {
        GatedRamBackend slow = new GatedRamBackend(BLOCKS * 512L, true);
        h = new BackendHarness(slow, 512);
        n = h.openReady(ScsiHarness.INITIATOR_A, 1);
        slow.close(true);
        byte[] list = overwriteList(0x01, new byte[] {0x44});
        byte[] immediate = sanitize(0x01, list.length);
        immediate[1] |= (byte) 0x80;
        assertGood(h.run(n, immediate, list));
        try (ErrorLogWatch errors = new ErrorLogWatch()) {
            CompletableFuture<Void> closing = CompletableFuture.runAsync(h.unit::close);
            slow.open();
            closing.get(30, TimeUnit.SECONDS);
            assertEquals(java.util.List.of(), errors.errors(), "the sanitize ran to its end before the close");
        }
    }

    @Test
    void abortingTheSanitizeCommandEndsTheCommandNotTheOperation() throws Exception {
        GatedRamBackend slow = new GatedRamBackend(BLOCKS * 512L, true);
        h = new BackendHarness(slow, 512);
        n = h.openReady(ScsiHarness.INITIATOR_A, 1);
        slow.close(true);
        byte[] list = overwriteList(0x01, new byte[] {0x33});
        CompletableFuture<ScsiResult> command = CompletableFuture.supplyAsync(
                () -> h.run(n, sanitize(0x01, list.length), list));
        Nexus other = h.openReady(ScsiHarness.INITIATOR_B, 2);
        SenseAssert.assertSense(awaitTestUnitReady(other, false), 0x2, 0x04, 0x1B); // the sanitize has started
        // ABORT TASK SET from the issuer ends the waiting SANITIZE command while the writes are still held.
        assertEquals(TmfResponse.FUNCTION_COMPLETE, n.taskManagement(TmfFunction.ABORT_TASK_SET,
                LunCodec.encode(0), 78).get(30, TimeUnit.SECONDS));
        SenseAssert.assertSense(h.run(other, cdb(0x00)), 0x2, 0x04, 0x1B);
        slow.open();
        awaitTestUnitReady(other, true);
        assertEquals(0x33, h.read(other, 0, 1)[100]);
        other.close();
        assertEquals(false, command.isCompletedExceptionally());
    }

    @Test
    void blockEraseOnRamIsSeenDeallocated() throws IOException {
        open(false);
        h.write(n, 0, pattern(64 * 512, 1));
        assertGood(h.run(n, sanitize(0x02, 0)));
        byte[] status = dataIn(h.run(n, ThinCdbs.getLbaStatus(0, 64)));
        assertEquals(BLOCKS, get(status, 16, 4));
        assertEquals(1, status[20], "the whole medium is deallocated");
    }

    @Test
    void blockEraseIsOfferedOnlyWhereReleasedBlocksReadAsZeros() throws IOException {
        open(false);
        assertEquals(3, reportOne(h, n, 0x02) & 0x07, "RAM: BLOCK ERASE supported");
        assertEquals(3, reportOne(h, n, 0x01) & 0x07, "RAM: OVERWRITE supported");
        n.close();
        h.close();
        // A back-end whose discard may leave old data readable (like a block device's) cannot block-erase.
        h = new BackendHarness(new GatedRamBackend(BLOCKS * 512L, false), 512);
        n = h.openReady(ScsiHarness.INITIATOR_A, 1);
        assertEquals(1, reportOne(h, n, 0x02) & 0x07, "BLOCK ERASE not supported");
        assertEquals(3, reportOne(h, n, 0x01) & 0x07, "OVERWRITE still supported");
        byte[] all = dataIn(h.run(n, cdb(0xA3, 0x0C, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0)));
        for (int at = 4; at + 8 <= all.length; at += 8) {
            boolean blockErase = (all[at] & 0xFF) == 0x48 && get(all, at + 2, 2) == 0x02;
            assertEquals(false, blockErase, "BLOCK ERASE listed among all commands");
        }
        SenseAssert.assertSense(h.run(n, sanitize(0x02, 0)), 0x5, 0x24, 0x00);
    }

    /** Repeats TEST UNIT READY until it is GOOD (or, with {@code good} false, until it is not); returns the last. */
    private ScsiResult awaitTestUnitReady(Nexus nexus, boolean good) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            ScsiResult r = h.run(nexus, cdb(0x00));
            if ((r.status() == ScsiStatus.GOOD) == good) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("TEST UNIT READY stayed " + r.status());
            }
            Thread.sleep(5);
        }
    }

    /** REPORT SUPPORTED OPERATION CODES, one SANITIZE service action: byte 1 is the SUPPORT field. */
    private static int reportOne(BackendHarness h, Nexus n, int serviceAction) {
        return dataIn(h.run(n, cdb(0xA3, 0x0C, 0x02, 0x48, 0, serviceAction, 0, 0, 0, 64, 0, 0)))[1];
    }
}
