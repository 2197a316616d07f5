package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lane that runs a buffered file's cached writes: in order, one at a time, batches per hand-off. */
class SerialLaneTest {

    /** Work that records its number and checks nobody else runs at the same time. */
    private static final class Item implements SerialLane.Work {
        final int number;
        final List<Integer> ran;
        final AtomicInteger running;
        final AtomicInteger maxRunning;
        final List<Integer> refused;

        Item(int number, List<Integer> ran, AtomicInteger running, AtomicInteger maxRunning, List<Integer> refused) {
            this.number = number;
            this.ran = ran;
            this.running = running;
            this.maxRunning = maxRunning;
            this.refused = refused;
        }

        @Override
        public void run() {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            ran.add(number);
            Thread.yield();
            running.decrementAndGet();
        }

        @Override
        public void refuse() {
            refused.add(number);
        }
    }

    @Test
    void itemsFromManyThreadsRunOneAtATimeAndEachSubmittersOrderIsKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        try {
            SerialLane lane = new SerialLane(pool);
            List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            List<Integer> refused = Collections.synchronizedList(new ArrayList<>());
            int perSubmitter = 20_000;
            CountDownLatch done = new CountDownLatch(4 * perSubmitter);
            for (int s = 0; s < 4; s++) {
                int base = s * perSubmitter;
                submitters.execute(() -> {
                    for (int i = 0; i < perSubmitter; i++) {
                        Item item = new Item(base + i, ran, running, maxRunning, refused);
                        lane.submit(new SerialLane.Work() {
                            @Override
                            public void run() {
                                item.run();
                                done.countDown();
                            }

                            @Override
                            public void refuse() {
                                item.refuse();
                            }
                        });
                    }
                });
            }
            assertTrue(done.await(60, TimeUnit.SECONDS), "every item ran, none was stranded in the queue");
            assertEquals(1, maxRunning.get(), "never two at once");
            assertEquals(4 * perSubmitter, ran.size());
            assertTrue(refused.isEmpty());
            int[] last = {-1, -1, -1, -1};
            for (int n : ran) {
                int s = n / perSubmitter;
                assertTrue(n > last[s], "submitter " + s + " out of order at " + n);
                last[s] = n;
            }
        } finally {
            submitters.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingItemDoesNotStopTheLane() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialLane lane = new SerialLane(pool);
            CountDownLatch second = new CountDownLatch(1);
            lane.submit(work(() -> {
                throw new IllegalStateException("planted bug");
            }));
            lane.submit(work(second::countDown));
            assertTrue(second.await(30, TimeUnit.SECONDS));
            CountDownLatch later = new CountDownLatch(1);
            lane.submit(work(later::countDown));
            assertTrue(later.await(30, TimeUnit.SECONDS), "the lane starts again after it went idle");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExecutorThatRefusesGetsEveryQueuedItemRefused() {
        List<Integer> refused = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        SerialLane lane = new SerialLane(r -> {
            calls.incrementAndGet();
            throw new RejectedExecutionException("shut down");
        });
        for (int i = 0; i < 3; i++) {
            int n = i;
            lane.submit(new SerialLane.Work() {
                @Override
                public void run() {
                    throw new AssertionError("must not run");
                }

                @Override
                public void refuse() {
                    refused.add(n);
                }
            });
        }
        assertEquals(List.of(0, 1, 2), refused);
        assertEquals(3, calls.get(), "each submit found the lane idle again and tried the executor");
    }

    private static SerialLane.Work work(Runnable body) {
        return new SerialLane.Work() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public void refuse() {
                throw new AssertionError("refused");
            }
        };
    }
}
