package io.blockhouse.kernel;

import java.io.IOException;

/**
 * A failed system call. The message names the call, the path when known, extra context (flags, offsets) and the
 * C library's text, e.g. {@code "open /dev/loop3 (O_RDWR|O_DIRECT): Permission denied (errno 13)"}.
 */
public class NativeIOException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String call;

    public NativeIOException(String call, String path, String context, int errno) {
        super(format(call, path, context, errno));
        this.errno = errno;
        this.call = call;
    }

    /** The errno value the call failed with. */
    public int errno() {
        return errno;
    }

    /** The system call name, e.g. "pread". */
    public String call() {
        return call;
    }

    private static String format(String call, String path, String context, int errno) {
        StringBuilder sb = new StringBuilder(call);
        if (path != null) {
            sb.append(' ').append(path);
        }
        if (context != null && !context.isEmpty()) {
            sb.append(" (").append(context).append(')');
        }
        return sb.append(": ").append(Errno.describe(errno)).append(" (errno ").append(errno).append(')').toString();
    }
}
