package io.blockhouse.config.scst;

/**
 * An scst.conf could not be imported: a syntax error, or a setting that has no valid Blockhouse form. Names the
 * source, line and column (1-based) so the administrator can go straight to it.
 */
public final class ScstConfException extends Exception {

    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    public ScstConfException(String source, int line, int column, String reason) {
        super(source + ":" + line + ":" + column + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The problem without the position. */
    public String reason() {
        return reason;
    }
}
