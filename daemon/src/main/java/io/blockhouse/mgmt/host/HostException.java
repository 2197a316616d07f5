package io.blockhouse.mgmt.host;

/**
 * A host action was refused or failed. {@link #status()} is the HTTP status the API answers with, {@link #code()} a
 * stable code (e.g. "not_root", "device_mounted", "command_failed"); the message says what to do about it.
 */
public final class HostException extends Exception {

    private final int status;
    private final String code;

    public HostException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static HostException invalid(String code, String message) {
        return new HostException(400, code, message);
    }

    static HostException conflict(String code, String message) {
        return new HostException(409, code, message);
    }
}
