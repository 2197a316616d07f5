package io.blockhouse.it.initiator;

/**
 * The login did not reach full feature phase: the target answered with a non-zero Status-Class, or the initiator
 * refused to continue (e.g. the target failed mutual CHAP), or the target broke the login protocol.
 */
public final class LoginException extends IscsiProtocolException {

    private static final long serialVersionUID = 1L;

    /** Status-Class / Status-Detail from the Login Response, or -1 when the initiator aborted. */
    private final int statusClass;
    private final int statusDetail;

    public LoginException(String message, int statusClass, int statusDetail) {
        super(message);
        this.statusClass = statusClass;
        this.statusDetail = statusDetail;
    }

    public LoginException(String message) {
        this(message, -1, -1);
    }

    public int statusClass() {
        return statusClass;
    }

    public int statusDetail() {
        return statusDetail;
    }

    /** True when the target refused with "authentication failure" (0x0201) or "authorization failure" (0x0202). */
    public boolean isAuthenticationFailure() {
        return statusClass == 2 && (statusDetail == 1 || statusDetail == 2);
    }

    /** True when the initiator itself aborted the login (e.g. the target failed mutual authentication). */
    public boolean isInitiatorAbort() {
        return statusClass == -1;
    }
}
