package io.blockhouse.config.scst;

/**
 * Something in scst.conf that was dropped or changed on import because Blockhouse has no equivalent.
 *
 * @param line the 1-based line of scst.conf it comes from
 */
public record ImportWarning(int line, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
