package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.admission.ConnectionAdmission;
import io.blockhouse.iscsi.stats.IscsiCounters;
import io.blockhouse.security.FailureLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All live sessions of one server, by (initiator, ISID, target) for reinstatement and by TSIH for logins that name an
 * existing session. Thread-safe: logins on different event loops race here.
 */
public final class SessionRegistry {
    private final Map<SessionKey, Session> byKey = new ConcurrentHashMap<>();
    private final Map<Integer, Session> byTsih = new ConcurrentHashMap<>();
    private int nextTsih = 1;
    private final IscsiCounters counters = new IscsiCounters();
    private final FailureLimiter chapFailures = FailureLimiter.withDefaults();
    private final ConnectionAdmission admission;

    /** A registry with the default {@link io.blockhouse.iscsi.admission.AdmissionLimits}. */
    public SessionRegistry() {
        this(ConnectionAdmission.defaults());
    }

    /** A registry whose sessions, logins and write buffers are bounded by {@code admission}. */
    public SessionRegistry(ConnectionAdmission admission) {
        this.admission = admission;
    }

    /** Resource limits of the server this registry belongs to: logins in progress, sessions, write buffers. */
    public ConnectionAdmission admission() {
        return admission;
    }

    /** The protocol counters of the server this registry belongs to (logins, Rejects, digest errors). */
    public IscsiCounters counters() {
        return counters;
    }

    /**
     * Failed CHAP authentications per source address, over all portals of this server: 5 within a minute refuse
     * CHAP from that address for 5 minutes, so a secret cannot be guessed at line rate.
     */
    public FailureLimiter chapFailures() {
        return chapFailures;
    }

    /** A TSIH not used by any live session (1..65535; 0 is reserved by RFC 7143). */
    public synchronized int allocateTsih() {
        for (int tries = 0; tries < 65535; tries++) {
            int candidate = nextTsih;
            nextTsih = nextTsih == 65535 ? 1 : nextTsih + 1;
            if (!byTsih.containsKey(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("all 65535 TSIHs in use");
    }

    public Session byTsih(int tsih) {
        return byTsih.get(tsih);
    }

    public Session byKey(SessionKey key) {
        return byKey.get(key);
    }

    /**
     * Registers a new session. An existing session with the same key is reinstated: it is removed and terminated
     * (its tasks aborted through its nexus) before this method returns.
     */
    public void register(Session session) {
        put(session, false);
    }

    /**
     * Like {@link #register}, but a session that would exceed the session limit is not registered (false): only a
     * reinstatement, which replaces a live session, always fits.
     */
    public boolean registerIfRoom(Session session) {
        return put(session, true);
    }

    private boolean put(Session session, boolean bounded) {
        Session old;
        synchronized (this) {
            if (bounded && !byKey.containsKey(session.key()) && !admission.sessionFits(byKey.size())) {
                return false;
            }
            old = byKey.put(session.key(), session);
            if (old != null) {
                byTsih.remove(old.tsih(), old);
            }
            byTsih.put(session.tsih(), session);
        }
        if (old != null) {
            old.terminate();
        }
        return true;
    }

    /** Removes the session if it is still the registered one. */
    public synchronized void remove(Session session) {
        byKey.remove(session.key(), session);
        byTsih.remove(session.tsih(), session);
    }

    public List<Session> sessionsOfTarget(String targetName) {
        List<Session> result = new ArrayList<>();
        String wanted = targetName.toLowerCase(Locale.ROOT);
        for (Session s : byKey.values()) {
            if (!s.discovery() && s.key().targetName().equals(wanted)) {
                result.add(s);
            }
        }
        return result;
    }

    public List<Session> all() {
        return new ArrayList<>(byKey.values());
    }
}
