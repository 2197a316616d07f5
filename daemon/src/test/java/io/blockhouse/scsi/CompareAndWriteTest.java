package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ThinCdbs.compareAndWrite;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COMPARE AND WRITE: semantics, errors, and atomicity under contention from two sessions. */
class CompareAndWriteTest {
    @TempDir
    Path dir;

    private BackendHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void matchWritesAndMismatchReportsTheOffsetAndWritesNothing() throws IOException {
        h = BackendHarness.ram(1 << 20);
        Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
        byte[] old = pattern(2 * 512, 1);
        byte[] fresh = pattern(2 * 512, 2);
        h.write(n, 10, old);
        assertGood(h.run(n, compareAndWrite(10, 2, 0), concat(old, fresh)));
        assertArrayEquals(fresh, h.read(n, 10, 2));

        byte[] wrongVerify = fresh.clone();
        wrongVerify[700] ^= 1;
        ScsiResult r = h.run(n, compareAndWrite(10, 2, 0), concat(wrongVerify, old));
        SenseAssert.assertSense(r, 0xE, 0x1D, 0x00);
        byte[] s = r.sense();
        assertEquals((byte) 0xF0, s[0], "INFORMATION valid");
        assertEquals(700, ByteBuffer.wrap(s, 3, 4).getInt());
        assertArrayEquals(fresh, h.read(n, 10, 2), "nothing written after a miscompare");
        n.close();
    }

    @Test
    void errors() throws IOException {
        h = BackendHarness.ram(1 << 20);
        Nexus n = h.openReady(ScsiHarness.INITIATOR_A, 1);
        long blocks = (1 << 20) / 512;
        SenseAssert.assertSense(h.run(n, compareAndWrite(blocks - 1, 2, 0), new byte[2048]), 0x5, 0x21, 0x00);
        SenseAssert.assertSense(h.run(n, compareAndWrite(0, 1, 0x20), new byte[1024]), 0x5, 0x24, 0x00);
        assertGood(h.run(n, compareAndWrite(0, 0, 0)));
        SenseAssert.assertSense(h.run(n, compareAndWrite(0, 2, 0), new byte[1024]), 0x5, 0x24, 0x00);
        // N = 256 does not fit the one-byte field and wraps to 0: the Data-Out gives the disagreement away.
        SenseAssert.assertSense(h.run(n, compareAndWrite(0, 0, 0), new byte[2 * 256 * 512]), 0x5, 0x24, 0x00);
        n.close();
    }

    /**
     * Eight threads over two sessions each add 1 to a counter kept in block 7, a hundred times, with the
     * read / COMPARE AND WRITE retry loop of a cluster file system lock: no increment may be lost.
     */
    @Test
    void concurrentIncrementsFromTwoSessionsNeverLoseAnUpdate() throws Exception {
        h = BackendHarness.file(dir.resolve("caw.img"), 1 << 20);
        Nexus a = h.openReady(ScsiHarness.INITIATOR_A, 1);
        Nexus b = h.openReady(ScsiHarness.INITIATOR_B, 2);
        int threads = 8;
        int increments = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Nexus n = t % 2 == 0 ? a : b;
                results.add(pool.submit(() -> increment(n, increments)));
            }
            int miscompares = 0;
            for (Future<Integer> f : results) {
                miscompares += f.get();
            }
            byte[] block = h.read(a, 7, 1);
            assertEquals((long) threads * increments, ByteBuffer.wrap(block).getLong());
            // Not an assertion on timing: just evidence in the report that the sessions really contended.
            System.getLogger("test").log(System.Logger.Level.INFO, "miscompares retried: " + miscompares);
        } finally {
            pool.shutdownNow();
            a.close();
            b.close();
        }
    }

    private int increment(Nexus n, int times) {
        int retries = 0;
        for (int i = 0; i < times; i++) {
            while (true) {
                byte[] current = h.read(n, 7, 1);
                byte[] next = current.clone();
                ByteBuffer.wrap(next).putLong(ByteBuffer.wrap(current).getLong() + 1);
                ScsiResult r = h.run(n, compareAndWrite(7, 1, 0), concat(current, next));
                if (r.status() == ScsiStatus.GOOD) {
                    break;
                }
                SenseAssert.assertSense(r, 0xE, 0x1D, 0x00);
                retries++;
            }
        }
        return retries;
    }
}
