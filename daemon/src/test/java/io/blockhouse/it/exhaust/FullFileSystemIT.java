package io.blockhouse.it.exhaust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.DaemonChecks;
import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.initiator.Cdbs;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.ScsiOutcome;
import io.blockhouse.kernel.testing.MountedFileSystem;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A back-end file system that fills up, against the packaged daemon: a thin (sparse) file LUN and a fully allocated
 * one share a small ext4 on a loop device; a RAM LUN sits elsewhere. With the file system full, a write that needs
 * new space on the thin LUN ends with DATA PROTECT / SPACE ALLOCATION FAILED WRITE PROTECT (07/27/07, SBC-3 4.7.3.6),
 * while the fully allocated LUN and the RAM LUN keep taking writes, the daemon stays up and acknowledged data reads
 * back intact. Deleting a filler file makes the thin LUN writable again without a restart.
 */
class FullFileSystemIT {
    private static final String IQN = "iqn.2026-11.io.blockhouse.it:fullfs";
    private static final int MIB = 1 << 20;
    private static final int BLOCK = 512;
    private static final int THIN = 0;
    private static final int THICK = 1;
    private static final int RAM = 2;

    @Test
    void aFullFileSystemFailsThinWritesWithSpaceAllocationFailedAndRecovers(@TempDir Path dir) throws Exception {
        MountedFileSystem.requireAvailable("ext4");
        try (MountedFileSystem fs = MountedFileSystem.create("ext4", 64L * MIB, dir)) {
            Path thick = fs.mountPoint().resolve("thick.img");
            writeZeros(thick, 8L * MIB); // every block written: overwriting it never needs new space
            DaemonConfig config = new DaemonConfig().ramDevice("ram", "8M");
            config.device("thin", "file").put("path", fs.mountPoint().resolve("thin.img").toString())
                    .put("size", "256M");
            config.device("thick", "file").put("path", thick.toString());
            config.target(IQN).lun(THIN, "thin").lun(THICK, "thick").lun(RAM, "ram");
            Path workDir = Files.createDirectories(dir.resolve("daemon"));
            DaemonProcess daemon = DaemonProcess.start(config, workDir);
            try {
                exercise(daemon, fs.mountPoint().resolve("filler"));
            } finally {
                DaemonChecks.stopAndCheck(daemon, "FullFileSystemIT");
            }
        }
    }

    private void exercise(DaemonProcess daemon, Path filler) throws IOException, InterruptedException {
        Random random = new Random(8);
        byte[] thinData = bytes(random);
        byte[] thickData = bytes(random);
        try (IscsiSession s = IscsiSession.login(daemon.host(), daemon.port(),
                LoginOptions.builder().targetName(IQN).build())) {
            for (int lun : new int[] {THIN, THICK, RAM}) {
                s.clearUnitAttention(lun);
            }
            assertGood(s.write10(THIN, 0, thinData, BLOCK), "thin write before the file system fills");
            assertGood(s.execute(THIN, Cdbs.synchronizeCache10(), null, 0), "thin data on disk");

            long filled = fill(filler);
            assertTrue(filled > 0, "the filler took the rest of the file system");

            ScsiOutcome refused = s.write10(THIN, 64L * MIB / BLOCK, bytes(random), BLOCK);
            assertEquals(ScsiOutcome.CHECK_CONDITION, refused.status(), refused.toString());
            assertEquals(0x7, refused.senseKey(), "DATA PROTECT: " + refused);
            assertEquals(0x27, refused.asc(), refused.toString());
            assertEquals(0x07, refused.ascq(), "SPACE ALLOCATION FAILED WRITE PROTECT: " + refused);

            assertGood(s.write10(THICK, 0, thickData, BLOCK), "the fully allocated LUN needs no new space");
            assertGood(s.execute(THICK, Cdbs.synchronizeCache10(), null, 0), "and flushes");
            byte[] ramData = bytes(random);
            assertGood(s.write10(RAM, 0, ramData, BLOCK), "a LUN elsewhere is not affected");
            daemon.assertAlive();

            assertArrayEquals(thinData, read(s, THIN, 0), "acknowledged thin data intact");
            assertArrayEquals(thickData, read(s, THICK, 0), "thick data intact");
            assertArrayEquals(ramData, read(s, RAM, 0));

            Files.delete(filler);
            byte[] later = bytes(random);
            ScsiOutcome again = writeOnceSpaceReturns(s, later);
            assertGood(again, "writes succeed again once space is freed, without a restart");
            assertArrayEquals(later, read(s, THIN, 64L * MIB / BLOCK));
            assertArrayEquals(thinData, read(s, THIN, 0));
        }
    }

    /**
     * ext4 reuses a deleted file's blocks only once its journal has committed the delete: ask a few times (each try
     * is a real write that either succeeds or fails cleanly with 27/07), with syncs in between.
     */
    private static ScsiOutcome writeOnceSpaceReturns(IscsiSession s, byte[] data) throws IOException,
            InterruptedException {
        ScsiOutcome last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            last = s.write10(THIN, 64L * MIB / BLOCK, data, BLOCK);
            if (last.good()) {
                return last;
            }
            assertEquals(0x27, last.asc(), last.toString());
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Thread.sleep(250);
        }
        return last;
    }

    private static byte[] bytes(Random random) {
        byte[] b = new byte[MIB];
        random.nextBytes(b);
        return b;
    }

    private static byte[] read(IscsiSession s, int lun, long lba) throws IOException {
        ScsiOutcome r = s.read10(lun, lba, MIB / BLOCK, BLOCK);
        assertGood(r, "read LUN " + lun);
        return r.data();
    }

    private static void assertGood(ScsiOutcome outcome, String what) {
        assertTrue(outcome.good(), what + ": " + outcome);
    }

    private static void writeZeros(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] zeros = new byte[MIB];
            for (long done = 0; done < bytes; done += zeros.length) {
                f.write(zeros);
            }
            f.getFD().sync();
        }
    }

    /** Writes {@code filler} until the file system refuses more; returns the bytes it took. */
    private static long fill(Path filler) throws IOException {
        long written = 0;
        try (RandomAccessFile f = new RandomAccessFile(filler.toFile(), "rw")) {
            byte[] chunk = new byte[MIB];
            for (int size = MIB; size >= 4096; size /= 2) {
                try {
                    while (true) {
                        f.write(chunk, 0, size);
                        written += size;
                    }
                } catch (IOException full) {
                    f.seek(written); // a failed write may have written part of the chunk; count only whole ones
                }
            }
            try {
                f.getFD().sync();
            } catch (IOException full) {
                // delayed allocation may only find out at sync; the space is taken either way
            }
        }
        return written;
    }
}
