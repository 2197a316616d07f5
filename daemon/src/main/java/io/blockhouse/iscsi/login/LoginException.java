package io.blockhouse.iscsi.login;

/** A login that must end with a failure Login Response carrying {@link #status()}. */
public final class LoginException extends Exception {
    private final int status;

    /**
     * @param status a {@link LoginStatus} value (class << 8 | detail)
     */
    public LoginException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public int statusClass() {
        return (status >> 8) & 0xff;
    }

    public int statusDetail() {
        return status & 0xff;
    }
}
