package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.blockhouse.scsi.sbc.BlockRangeLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-unit block range lock: overlapping ranges exclude each other, disjoint ones never wait. */
class BlockRangeLockTest {
    private final BlockRangeLock lock = new BlockRangeLock();

    @Test
    void disjointRangesAreHeldTogether() {
        try (BlockRangeLock.Held a = lock.lock(0, 10); BlockRangeLock.Held b = lock.lock(10, 10);
             BlockRangeLock.Held c = lock.lock(1000, 1)) {
            assertEquals(3, lock.heldCount());
        }
        assertEquals(0, lock.heldCount());
    }

    @Test
    void overlappingRangeWaitsForTheRelease() throws Exception {
        BlockRangeLock.Held first = lock.lock(100, 8);
        CompletableFuture<Void> second = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try (BlockRangeLock.Held h = lock.lock(107, 2)) {
                second.complete(null);
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING && !second.isDone()) {
            Thread.onSpinWait(); // until it blocks inside lock()
        }
        assertFalse(second.isDone(), "block 107 is still held by the first range");
        first.close();
        second.get(10, TimeUnit.SECONDS);
        waiter.join();
        assertEquals(0, lock.heldCount());
    }

    @Test
    void releaseIsIdempotentAndZeroLengthRangesStillExclude() throws Exception {
        BlockRangeLock.Held h = lock.lock(5, 0);
        h.close();
        h.close();
        assertEquals(0, lock.heldCount());
        try (BlockRangeLock.Held end = lock.lock(Long.MAX_VALUE - 1, 10)) {
            assertEquals(1, lock.heldCount()); // the end of the range saturates instead of wrapping
        }
    }

    @Test
    void tryLockTakesAFreeRangeAndRefusesAnOverlappingOneWithoutWaiting() {
        try (BlockRangeLock.Held first = lock.lock(100, 8)) {
            assertNull(lock.tryLock(107, 1));
            assertNull(lock.tryLock(0, Long.MAX_VALUE));
            try (BlockRangeLock.Held free = lock.tryLock(108, 4)) {
                assertNotNull(free);
                assertEquals(2, lock.heldCount());
                assertNull(lock.tryLock(111, 1), "a range taken by tryLock excludes too");
            }
        }
        try (BlockRangeLock.Held again = lock.tryLock(100, 8)) {
            assertNotNull(again);
        }
        assertEquals(0, lock.heldCount());
    }
}
