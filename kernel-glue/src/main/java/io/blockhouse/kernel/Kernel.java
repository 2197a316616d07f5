package io.blockhouse.kernel;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Runtime;

/**
 * Loads glibc through jnr-ffi once, on first use, and remembers a failure so that every later caller gets the same
 * clear explanation instead of a bare {@link NoClassDefFoundError}.
 */
final class Kernel {

    private static final Object LOCK = new Object();
    private static volatile LibC libc;
    private static volatile Runtime runtime;
    private static volatile String loadFailure;

    private Kernel() {
    }

    /** The bound libc; throws {@link KernelUnavailableException} when this platform cannot provide it. */
    static LibC libc() throws KernelUnavailableException {
        LibC loaded = libc;
        if (loaded != null) {
            return loaded;
        }
        synchronized (LOCK) {
            if (libc == null && loadFailure == null) {
                load();
            }
            if (libc == null) {
                throw new KernelUnavailableException(loadFailure);
            }
            return libc;
        }
    }

    /** errno as saved by jnr-ffi right after the last call this thread made through {@link #libc()}. */
    static int lastErrno() {
        return runtime.getLastError();
    }

    /**
     * Why kernel-glue cannot run on {@code os}/{@code arch}, or null when it can. The ioctl numbers, flag values and
     * struct layouts used here are those of x86_64 Linux; anything else would silently misbehave rather than fail,
     * so it is refused up front.
     */
    static String unsupportedPlatform(String os, String arch) {
        if (os.equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        return "kernel-glue supports Linux x86_64 only, this JVM runs on " + os + "/" + arch;
    }

    private static void load() {
        String os = System.getProperty("os.name", "?");
        String arch = System.getProperty("os.arch", "?");
        String unsupported = unsupportedPlatform(os, arch);
        if (unsupported != null) {
            loadFailure = unsupported;
            return;
        }
        try {
            LibC bound = LibraryLoader.create(LibC.class)
                    .option(LibraryOption.SaveError, Boolean.TRUE)
                    .failImmediately()
                    .load("c");
            runtime = Runtime.getRuntime(bound);
            libc = bound;
        } catch (RuntimeException | LinkageError e) {
            loadFailure = "jnr-ffi cannot load libc on " + os + "/" + arch + ": " + e;
        }
    }
}
