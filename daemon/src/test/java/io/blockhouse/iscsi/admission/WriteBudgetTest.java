package io.blockhouse.iscsi.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {
    private final List<String> grants = new ArrayList<>();

    @Test
    void immediateClaimsFitOrAreRefused() {
        WriteBudget b = new WriteBudget(100);
        WriteBudget.Claim c1 = b.tryClaim(60);
        assertNotNull(c1);
        assertTrue(c1.granted());
        assertNull(b.tryClaim(41), "60 + 41 exceeds 100");
        WriteBudget.Claim c2 = b.tryClaim(40);
        assertNotNull(c2);
        assertEquals(100, b.heldBytes());
        c1.release();
        c1.release(); // idempotent
        assertEquals(40, b.heldBytes());
        c2.release();
        assertEquals(0, b.heldBytes());
        assertEquals(1, b.refusedClaims());
        assertEquals(100, b.peakBytes());
    }

    @Test
    void aClaimLargerThanTheBudgetRunsAlone() {
        WriteBudget b = new WriteBudget(100);
        WriteBudget.Claim big = b.tryClaim(500);
        assertNotNull(big, "nothing else held: granted, so no command waits forever");
        assertNull(b.tryClaim(1));
        big.release();
        assertEquals(0, b.heldBytes());
    }

    @Test
    void waitersAreGrantedInOrderAsBytesComeBack() {
        WriteBudget b = new WriteBudget(100);
        WriteBudget.Claim holder = b.tryClaim(100);
        WriteBudget.Claim w1 = b.claimWhenAvailable(70, Runnable::run, () -> grants.add("w1"));
        WriteBudget.Claim w2 = b.claimWhenAvailable(20, Runnable::run, () -> grants.add("w2"));
        assertFalse(w1.granted());
        assertFalse(w2.granted(), "w2 would fit after w1 but does not overtake it");
        assertNull(b.tryClaim(1), "an immediate claim does not overtake waiters either");
        assertEquals(2, b.waiting());
        holder.release();
        assertEquals(List.of("w1", "w2"), grants);
        assertTrue(w1.granted());
        assertTrue(w2.granted());
        assertEquals(90, b.heldBytes());
        w1.release();
        w2.release();
        assertEquals(0, b.heldBytes());
        assertEquals(2, b.delayedClaims());
    }

    @Test
    void aWaiterThatGivesUpLeavesTheQueue() {
        WriteBudget b = new WriteBudget(100);
        WriteBudget.Claim holder = b.tryClaim(100);
        WriteBudget.Claim gaveUp = b.claimWhenAvailable(50, Runnable::run, () -> grants.add("gaveUp"));
        WriteBudget.Claim next = b.claimWhenAvailable(50, Runnable::run, () -> grants.add("next"));
        gaveUp.release();
        assertEquals(1, b.waiting());
        holder.release();
        assertEquals(List.of("next"), grants);
        assertFalse(gaveUp.granted());
        next.release();
        assertEquals(0, b.heldBytes());
    }

    @Test
    void aRefusingExecutorGivesTheGrantBack() {
        WriteBudget b = new WriteBudget(100);
        WriteBudget.Claim c = b.claimWhenAvailable(10, r -> {
            throw new java.util.concurrent.RejectedExecutionException("loop gone");
        }, () -> grants.add("never"));
        assertFalse(c.granted());
        assertEquals(0, b.heldBytes());
        assertTrue(grants.isEmpty());
    }

    @Test
    void concurrentClaimsNeverExceedTheBudgetAndAllBytesComeBack() throws Exception {
        WriteBudget b = new WriteBudget(1000);
        AtomicLong overshoot = new AtomicLong();
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        long bytes = 1 + ThreadLocalRandom.current().nextInt(300);
                        java.util.concurrent.CountDownLatch got = new java.util.concurrent.CountDownLatch(1);
                        WriteBudget.Claim c = i % 2 == 0 ? b.tryClaim(bytes)
                                : b.claimWhenAvailable(bytes, Runnable::run, got::countDown);
                        if (c == null) {
                            continue;
                        }
                        if (i % 2 == 1 && !awaitQuietly(got)) {
                            throw new AssertionError("a waiting claim was never granted");
                        }
                        granted.incrementAndGet();
                        if (b.heldBytes() > 1000) {
                            overshoot.incrementAndGet();
                        }
                        c.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, overshoot.get(), "held bytes stayed within the budget");
        assertEquals(0, b.heldBytes(), "every byte came back");
        assertEquals(0, b.waiting());
        assertTrue(granted.get() >= 10000, "every waiting claim was granted: " + granted.get());
    }

    private static boolean awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
