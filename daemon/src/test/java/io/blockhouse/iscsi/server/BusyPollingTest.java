package io.blockhouse.iscsi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.SelectStrategy;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.util.IntSupplier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The event loops' busy polling: when it polls, what ends a poll, and how many loops may poll at once. */
class BusyPollingTest {

    /** A selectNow that answers 0 ready events {@code emptyPolls} times, then {@code ready}, counting its calls. */
    private static final class Sockets implements IntSupplier {
        final AtomicInteger calls = new AtomicInteger();
        private final int emptyPolls;
        private final int ready;

        Sockets(int emptyPolls, int ready) {
            this.emptyPolls = emptyPolls;
            this.ready = ready;
        }

        @Override
        public int get() {
            return calls.incrementAndGet() > emptyPolls ? ready : 0;
        }
    }

    @Test
    void offNeverPollsAndOneCpuMeansOff() throws Exception {
        assertFalse(BusyPolling.of(0, 8).enabled());
        assertFalse(BusyPolling.of(50, 1).enabled());
        Sockets sockets = new Sockets(0, 3);
        assertEquals(SelectStrategy.SELECT, BusyPolling.off().newSelectStrategy().calculateStrategy(sockets, false));
        assertEquals(0, sockets.calls.get());
    }

    @Test
    void halfTheCpusMayPollAndTheRangeIsChecked() {
        assertEquals(1, BusyPolling.of(50, 2).maxPollers());
        assertEquals(1, BusyPolling.of(50, 3).maxPollers());
        assertEquals(8, BusyPolling.of(50, 16).maxPollers());
        assertThrows(IllegalArgumentException.class, () -> BusyPolling.of(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> BusyPolling.of(BusyPolling.MAX_MICROS + 1, 4));
    }

    @Test
    void withTasksQueuedItLooksAtTheSocketsOnceLikeNetty() throws Exception {
        Sockets sockets = new Sockets(5, 2);
        assertEquals(0, BusyPolling.of(1000, 4).newSelectStrategy().calculateStrategy(sockets, true));
        assertEquals(1, sockets.calls.get());
    }

    @Test
    void aPollReturnsTheEventsThatArrive() throws Exception {
        BusyPolling polling = new BusyPolling(TimeUnit.SECONDS.toNanos(60), 1);
        Sockets sockets = new Sockets(3, 2);
        assertEquals(2, polling.newSelectStrategy().calculateStrategy(sockets, false));
        assertEquals(4, sockets.calls.get());
        assertEquals(1, polling.hits());
        assertEquals(0, polling.misses());
    }

    @Test
    void aPollThatFindsNothingLetsTheLoopSleep() throws Exception {
        BusyPolling polling = new BusyPolling(TimeUnit.MICROSECONDS.toNanos(1), 1);
        Sockets sockets = new Sockets(Integer.MAX_VALUE, 1);
        assertEquals(SelectStrategy.SELECT, polling.newSelectStrategy().calculateStrategy(sockets, false));
        assertTrue(sockets.calls.get() >= 1);
        assertEquals(0, polling.hits());
        assertEquals(1, polling.misses());
    }

    @Test
    void onlyMaxPollersPollAtOnceAndTheSlotIsGivenBack() throws Exception {
        BusyPolling polling = new BusyPolling(TimeUnit.SECONDS.toNanos(60), 1);
        CountDownLatch polling1 = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IntSupplier held = () -> {
            polling1.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS) ? 1 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        };
        AtomicInteger first = new AtomicInteger(-99);
        Thread poller = new Thread(() -> {
            try {
                first.set(polling.newSelectStrategy().calculateStrategy(held, false));
            } catch (Exception e) {
                first.set(-98);
            }
        });
        poller.start();
        assertTrue(polling1.await(30, TimeUnit.SECONDS));

        Sockets second = new Sockets(0, 5);
        assertEquals(SelectStrategy.SELECT, polling.newSelectStrategy().calculateStrategy(second, false),
                "the only slot is taken: the second loop sleeps");
        assertEquals(0, second.calls.get());

        release.countDown();
        poller.join(30_000);
        assertEquals(1, first.get());
        assertEquals(5, polling.newSelectStrategy().calculateStrategy(second, false), "the slot came back");
    }

    @Test
    void aTaskFromAnotherThreadEndsThePollOfARealEventLoop() throws Exception {
        assumeTrue(Epoll.isAvailable(), "epoll transport");
        // A poll far longer than the test's wait: the task can only run in time if the poll notices it.
        BusyPolling polling = new BusyPolling(TimeUnit.SECONDS.toNanos(120), 1);
        EpollEventLoopGroup group = new EpollEventLoopGroup(1, (ThreadFactory) null, polling);
        try {
            EventLoop loop = group.next();
            loop.submit(() -> { }).await(30, TimeUnit.SECONDS); // the loop ran once and is now polling
            for (int i = 0; i < 20; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                loop.execute(ran::countDown);
                assertTrue(ran.await(30, TimeUnit.SECONDS), "task " + i + " waited for the poll to end");
            }
            assertTrue(polling.hits() >= 1, "hits " + polling.hits());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(30, TimeUnit.SECONDS);
        }
    }
}
