package io.blockhouse.mgmt;

/**
 * A management request was refused. {@link #code()} is stable (scripts match on it); the message names the
 * offending field by its path, e.g. {@code devices[2].size: must be a multiple of 4096 bytes}. Nothing of a refused
 * request has been applied.
 */
public final class MgmtException extends Exception {

    /** What kind of refusal, mapped to an HTTP status by the API. */
    public enum Kind {
        /** The request itself is wrong (400). */
        INVALID(400),
        /** It names something that does not exist (404). */
        NOT_FOUND(404),
        /** It conflicts with the current state: duplicate, in use (409). */
        CONFLICT(409),
        /** The daemon could not carry it out (500): a device failed to open, the store failed to write. */
        FAILED(500),
        /** The daemon cannot do this at all (501). */
        UNSUPPORTED(501);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;
    private final String code;

    public MgmtException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public MgmtException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** Stable machine-readable code, e.g. "device_not_found", "duplicate_lun", "device_in_use". */
    public String code() {
        return code;
    }

    static MgmtException invalid(String code, String message) {
        return new MgmtException(Kind.INVALID, code, message);
    }

    static MgmtException notFound(String code, String message) {
        return new MgmtException(Kind.NOT_FOUND, code, message);
    }

    static MgmtException conflict(String code, String message) {
        return new MgmtException(Kind.CONFLICT, code, message);
    }
}
