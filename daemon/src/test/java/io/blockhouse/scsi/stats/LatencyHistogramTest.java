package io.blockhouse.scsi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void boundsRunFrom50MicrosecondsTo10SecondsAscending() {
        double[] b = LatencyHistogram.boundsSeconds();
        assertEquals(0.00005, b[0]);
        assertEquals(10.0, b[b.length - 1]);
        for (int i = 1; i < b.length; i++) {
            assertTrue(b[i] > b[i - 1], "ascending at " + i);
        }
    }

    @Test
    void anObservationOnABoundCountsInThatBucketAndCountsAreCumulative() {
        LatencyHistogram h = new LatencyHistogram();
        h.observe(50_000);          // exactly 50 µs: le="0.00005"
        h.observe(50_001);          // just above: le="0.0001"
        h.observe(3_000_000);       // 3 ms: le="0.005"
        h.observe(60_000_000_000L); // a minute: only +Inf
        LatencyHistogram.Snapshot s = h.snapshot();
        long[] c = s.cumulative();
        assertEquals(LatencyHistogram.boundsSeconds().length + 1, c.length);
        assertEquals(1, c[0]);
        assertEquals(2, c[1]);
        assertEquals(2, c[5]);  // le 2.5 ms
        assertEquals(3, c[6]);  // le 5 ms
        assertEquals(3, c[c.length - 2]); // le 10 s
        assertEquals(4, s.count());
        assertEquals(50_000 + 50_001 + 3_000_000 + 60_000_000_000L, s.sumNanos());
        assertEquals(60.003100001, s.sumSeconds(), 1e-9);
    }

    @Test
    void negativeDurationsCountAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        h.observe(-5);
        assertEquals(1, h.snapshot().cumulative()[0]);
        assertEquals(0, h.snapshot().sumNanos());
    }

    @Test
    void concurrentObservationsAreAllCountedAndSnapshotsNeverGoBack() throws Exception {
        LatencyHistogram h = new LatencyHistogram();
        int threads = 4;
        int each = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    h.observe((i * 7919L + seed) % 20_000_000L);
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        long[] previous = new long[LatencyHistogram.boundsSeconds().length + 1];
        boolean running = true;
        while (running) {
            running = workers.stream().anyMatch(Thread::isAlive);
            long[] now = h.snapshot().cumulative();
            for (int i = 0; i < now.length; i++) {
                assertTrue(now[i] >= previous[i], "bucket " + i + " went back");
                if (i > 0) {
                    assertTrue(now[i] >= now[i - 1], "not cumulative at " + i);
                }
            }
            previous = now;
        }
        for (Thread w : workers) {
            w.join();
        }
        assertEquals((long) threads * each, h.snapshot().count());
    }
}
