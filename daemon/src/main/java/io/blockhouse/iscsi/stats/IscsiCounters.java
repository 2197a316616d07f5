package io.blockhouse.iscsi.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * Protocol counters of one iSCSI server: logins by session type, failed logins by reason, CHAP failures, Reject PDUs
 * by reason and header digest errors. Lock-free; updated from the event loops. Reasons are fixed sets (never names
 * an initiator chose), so a hostile initiator cannot make the metrics grow.
 */
public final class IscsiCounters {

    /** Why a login failed, as metrics name it; derived from the Login Response status. */
    public enum LoginFailure {
        AUTHENTICATION, AUTHORIZATION, NOT_FOUND, TARGET_UNAVAILABLE, TOO_MANY_CONNECTIONS, INITIATOR_ERROR,
        TARGET_ERROR, TIMEOUT;

        /** The failure of a Login Response status ({@code class << 8 | detail}, RFC 7143 section 11.13.5). */
        public static LoginFailure of(int status) {
            return switch (status) {
                case 0x0201 -> AUTHENTICATION;
                case 0x0202 -> AUTHORIZATION;
                case 0x0203, 0x0204 -> NOT_FOUND;
                case 0x0206 -> TOO_MANY_CONNECTIONS;
                case 0x0301 -> TARGET_UNAVAILABLE;
                default -> (status >>> 8) == 3 ? TARGET_ERROR : INITIATOR_ERROR;
            };
        }

        /** The label value: lower case. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Reject reason codes (RFC 7143 section 11.17.1) with their label values; index = reason code. */
    private static final String[] REJECT_REASONS = {
        null, null, "data_digest_error", "snack_reject", "protocol_error", "command_not_supported",
        "immediate_command_rejected", "task_in_progress", "invalid_data_ack", "invalid_pdu_field",
        "long_operation_reject", null, "waiting_for_logout",
    };

    private final LongAdder normalLogins = new LongAdder();
    private final LongAdder discoveryLogins = new LongAdder();
    private final LongAdder[] loginFailures = adders(LoginFailure.values().length);
    private final LongAdder chapFailures = new LongAdder();
    private final LongAdder[] rejects = adders(REJECT_REASONS.length + 1); // last: any other reason
    private final LongAdder headerDigestErrors = new LongAdder();

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /** A login reached full feature phase. */
    public void loginSucceeded(boolean discovery) {
        (discovery ? discoveryLogins : normalLogins).increment();
    }

    /**
     * A login was refused with {@code status}.
     *
     * @param chap the CHAP exchange was under way (an AUTHENTICATION failure then also counts as a CHAP failure)
     */
    public void loginFailed(int status, boolean chap) {
        LoginFailure f = LoginFailure.of(status);
        loginFailures[f.ordinal()].increment();
        if (chap && f == LoginFailure.AUTHENTICATION) {
            chapFailures.increment();
        }
    }

    /** A login did not complete within the login timeout. */
    public void loginTimedOut() {
        loginFailures[LoginFailure.TIMEOUT.ordinal()].increment();
    }

    /** A Reject PDU was sent with {@code reason}. */
    public void rejected(int reason) {
        boolean known = reason >= 0 && reason < REJECT_REASONS.length && REJECT_REASONS[reason] != null;
        rejects[known ? reason : REJECT_REASONS.length].increment();
    }

    /** A PDU's header digest did not match (the connection is closed). */
    public void headerDigestError() {
        headerDigestErrors.increment();
    }

    public long logins(boolean discovery) {
        return (discovery ? discoveryLogins : normalLogins).sum();
    }

    public long loginFailures(LoginFailure reason) {
        return loginFailures[reason.ordinal()].sum();
    }

    public long chapFailures() {
        return chapFailures.sum();
    }

    public long headerDigestErrors() {
        return headerDigestErrors.sum();
    }

    /** Label values of the Reject reasons counted, each with {@link #rejects(String)}. */
    public static java.util.List<String> rejectReasons() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String r : REJECT_REASONS) {
            if (r != null) {
                names.add(r);
            }
        }
        names.add("other");
        return names;
    }

    /** Rejects sent with the reason of label value {@code reason} ("other" for any reason not named). */
    public long rejects(String reason) {
        for (int i = 0; i < REJECT_REASONS.length; i++) {
            if (reason.equals(REJECT_REASONS[i])) {
                return rejects[i].sum();
            }
        }
        if (reason.equals("other")) {
            return rejects[REJECT_REASONS.length].sum();
        }
        throw new IllegalArgumentException("unknown Reject reason label " + reason);
    }
}
