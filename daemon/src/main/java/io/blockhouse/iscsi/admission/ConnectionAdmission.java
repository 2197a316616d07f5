package io.blockhouse.iscsi.admission;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the connections that are logging in against {@link AdmissionLimits#maxLoginsInProgress()} and keeps the
 * session limit and the refusal counters. Thread-safe: logins run on many event loops.
 */
public final class ConnectionAdmission {
    private final AdmissionLimits limits;
    private final WriteBudget writeBudget;
    private final AtomicInteger loginsInProgress = new AtomicInteger();
    private final LongAdder refusedConnections = new LongAdder();
    private final LongAdder refusedSessions = new LongAdder();

    public ConnectionAdmission(AdmissionLimits limits) {
        this.limits = limits;
        this.writeBudget = new WriteBudget(limits.writeBufferBytes());
    }

    /** Unlimited in practice: for tests and embedders that do not configure limits. */
    public static ConnectionAdmission defaults() {
        return new ConnectionAdmission(AdmissionLimits.defaults());
    }

    public AdmissionLimits limits() {
        return limits;
    }

    /** The server-wide budget for buffered write data. */
    public WriteBudget writeBudget() {
        return writeBudget;
    }

    /**
     * A new connection wants to log in. True when it got a slot, which it gives back with {@link #loginEnded()}
     * exactly once; false (and counted) when {@link AdmissionLimits#maxLoginsInProgress()} are already under way.
     */
    public boolean loginStarted() {
        while (true) {
            int now = loginsInProgress.get();
            if (now >= limits.maxLoginsInProgress()) {
                refusedConnections.increment();
                return false;
            }
            if (loginsInProgress.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** A login that {@link #loginStarted() got a slot} ended: full feature phase, failure, timeout or close. */
    public void loginEnded() {
        loginsInProgress.decrementAndGet();
    }

    /** Whether a new session fits beside {@code liveSessions}; a refusal is counted. */
    public boolean sessionFits(int liveSessions) {
        if (liveSessions < limits.maxSessions()) {
            return true;
        }
        refusedSessions.increment();
        return false;
    }

    public int loginsInProgress() {
        return loginsInProgress.get();
    }

    /** Connections closed at accept because too many logins were under way. */
    public long refusedConnections() {
        return refusedConnections.sum();
    }

    /** Logins refused with "out of resources" because {@link AdmissionLimits#maxSessions()} sessions existed. */
    public long refusedSessions() {
        return refusedSessions.sum();
    }
}
