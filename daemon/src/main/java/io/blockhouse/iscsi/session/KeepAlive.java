package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.pdu.Bhs;
import io.blockhouse.iscsi.pdu.NopInPdu;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Target-initiated NOP-In pings (RFC 7143 section 11.19). Every interval we look whether anything arrived since the
 * last look; if not, we ping (ITT 0xffffffff, our TTT) and drop the connection when no NOP-Out answers within the
 * timeout. Works only with scheduled tasks on the event loop (no clock reads), so tests drive it with
 * {@code EmbeddedChannel.advanceTimeBy}. Idle time before a ping is therefore between one and two intervals.
 */
final class KeepAlive {
    private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);

    private final Connection conn;
    private final long intervalSeconds;
    private final long timeoutSeconds;
    private boolean readSinceCheck;
    private int outstandingTtt = Bhs.NO_TAG;
    private ScheduledFuture<?> check;
    private ScheduledFuture<?> timeout;
    private boolean stopped;

    KeepAlive(Connection conn, int intervalSeconds, int timeoutSeconds) {
        this.conn = conn;
        this.intervalSeconds = intervalSeconds;
        this.timeoutSeconds = Math.max(1, timeoutSeconds);
    }

    void start() {
        if (intervalSeconds > 0) {
            check = conn.ctx.executor().schedule(this::check, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    void onRead() {
        readSinceCheck = true;
    }

    private void check() {
        if (stopped) {
            return;
        }
        if (!readSinceCheck && outstandingTtt == Bhs.NO_TAG) {
            outstandingTtt = conn.nextTtt();
            conn.send(new NopInPdu(Bhs.NO_TAG, outstandingTtt, 0, null));
            conn.flush();
            timeout = conn.ctx.executor().schedule(this::expired, timeoutSeconds, TimeUnit.SECONDS);
        }
        readSinceCheck = false;
        check = conn.ctx.executor().schedule(this::check, intervalSeconds, TimeUnit.SECONDS);
    }

    void answered(int ttt) {
        if (ttt == outstandingTtt) {
            outstandingTtt = Bhs.NO_TAG;
            if (timeout != null) {
                timeout.cancel(false);
                timeout = null;
            }
        }
    }

    private void expired() {
        if (stopped || outstandingTtt == Bhs.NO_TAG) {
            return;
        }
        log.warn("{}: no NOP-Out answer to our NOP-In within {} s; closing the connection", conn.session,
                timeoutSeconds);
        conn.ctx.close();
    }

    void stop() {
        stopped = true;
        if (check != null) {
            check.cancel(false);
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
