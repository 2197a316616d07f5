package io.blockhouse.scsi.exec;

/**
 * Thrown by back-end I/O of a command tried on the network thread ({@link CommandContext#mustNotBlock()}) when the
 * back-end would have to wait (a page-cache miss). Nothing of the command has taken effect; the logical unit runs it
 * again on the I/O executor. One shared instance without a stack trace: a miss is an expected outcome, not an error.
 */
public final class WouldBlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final WouldBlockException INSTANCE = new WouldBlockException();

    private WouldBlockException() {
        super("back-end read would block", null, false, false);
    }
}
