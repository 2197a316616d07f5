package io.blockhouse.kernel;

/**
 * The C heap the JVM and its direct buffers allocate from (glibc malloc). glibc keeps memory that was freed in the
 * middle of its arenas resident, to reuse it; after a burst of large direct buffers that can be tens of MiB nobody
 * uses any more. {@link #releaseFree()} gives the free pages of every arena back to the kernel.
 */
public final class NativeHeap {

    private NativeHeap() {
    }

    /**
     * Calls {@code malloc_trim(0)}: free memory at the top of each arena is unmapped, free whole pages elsewhere are
     * returned with {@code MADV_DONTNEED}. Takes every arena's lock in turn, so call it when the process is quiet.
     *
     * @return true when some memory was given back
     * @throws KernelUnavailableException when libc cannot be bound on this platform
     */
    public static boolean releaseFree() throws KernelUnavailableException {
        return Kernel.libc().malloc_trim(0) == 1;
    }
}
