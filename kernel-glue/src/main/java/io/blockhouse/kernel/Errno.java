package io.blockhouse.kernel;

import java.nio.charset.StandardCharsets;

/** The Linux errno values that kernel-glue callers branch on, and their strerror text. */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int EROFS = 30;
    public static final int ENOSYS = 38;
    public static final int EOPNOTSUPP = 95;

    private Errno() {
    }

    /** The C library's description of {@code errno}, e.g. "Permission denied"; never null. */
    public static String describe(int errno) {
        try {
            byte[] buf = new byte[256];
            String text = Kernel.libc().strerror_r(errno, buf, buf.length);
            if (text != null && !text.isEmpty()) {
                return text;
            }
            int len = 0;
            while (len < buf.length && buf[len] != 0) {
                len++;
            }
            return len > 0 ? new String(buf, 0, len, StandardCharsets.UTF_8) : "Unknown error " + errno;
        } catch (KernelUnavailableException e) {
            return "Unknown error " + errno;
        }
    }
}
