package io.blockhouse.iscsi.login;

/** Text data that is not a sequence of key=value pairs (RFC 7143 section 6.1). */
public final class TextFormatException extends Exception {
    public TextFormatException(String message) {
        super(message);
    }
}
