package io.blockhouse.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final FailureLimiter limiter = new FailureLimiter(5, 60 * SECOND, 300 * SECOND, now::get);

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void fifthFailureWithinAMinuteBlocksForFiveMinutes() throws Exception {
        InetAddress a = ip("192.0.2.1");
        for (int i = 1; i <= 4; i++) {
            FailureLimiter.Outcome o = limiter.failure(a);
            assertEquals(i, o.recentFailures());
            assertFalse(o.blockedNow());
            assertEquals(0, limiter.blockedSeconds(a));
            now.addAndGet(10 * SECOND);
        }
        assertTrue(limiter.failure(a).blockedNow());
        assertEquals(300, limiter.blockedSeconds(a));
        now.addAndGet(299 * SECOND);
        assertEquals(1, limiter.blockedSeconds(a));
        now.addAndGet(SECOND);
        assertEquals(0, limiter.blockedSeconds(a));
        assertEquals(1, limiter.failure(a).recentFailures(), "a new start after the block");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() throws Exception {
        InetAddress a = ip("192.0.2.2");
        for (int i = 0; i < 20; i++) {
            assertFalse(limiter.failure(a).blockedNow(), "attempt " + i);
            now.addAndGet(16 * SECOND); // 4 per minute: never 5 within 60 s
        }
        assertEquals(0, limiter.blockedSeconds(a));
    }

    @Test
    void addressesAreCountedSeparately() throws Exception {
        InetAddress bad = ip("192.0.2.3");
        InetAddress good = ip("2001:db8::1");
        for (int i = 0; i < 5; i++) {
            limiter.failure(bad);
        }
        assertTrue(limiter.blockedSeconds(bad) > 0);
        assertEquals(0, limiter.blockedSeconds(good));
        assertEquals(1, limiter.failure(good).recentFailures());
    }

    @Test
    void tableStaysBoundedUnderASpraysOfAddresses() throws Exception {
        byte[] addr = {10, 0, 0, 0};
        for (int i = 0; i < FailureLimiter.MAX_ADDRESSES + 500; i++) {
            addr[2] = (byte) (i >> 8);
            addr[3] = (byte) i;
            addr[1] = (byte) (i >> 16);
            limiter.failure(InetAddress.getByAddress(addr));
            now.addAndGet(1_000_000L);
        }
        assertTrue(limiter.tracked() <= FailureLimiter.MAX_ADDRESSES, "tracked " + limiter.tracked());
    }
}
