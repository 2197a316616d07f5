package io.blockhouse.tui.api;

/** The daemon refused a request: HTTP status, its stable code and its message naming the offending field. */
public final class ApiException extends Exception {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
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
}
