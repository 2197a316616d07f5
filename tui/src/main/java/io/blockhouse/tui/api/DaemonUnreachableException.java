package io.blockhouse.tui.api;

/** Nobody answers on the management socket (daemon stopped or restarting), or the answer is unreadable. */
public final class DaemonUnreachableException extends Exception {

    public DaemonUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
