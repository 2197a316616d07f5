/**
 * Kernel glue: the Linux system calls the target needs that the JDK does not offer (O_DIRECT, fallocate hole
 * punching, SEEK_DATA/SEEK_HOLE, block-device ioctls, anonymous mappings above 2 GiB), bound to glibc with jnr-ffi.
 *
 * <p>Entry points: {@link io.blockhouse.kernel.NativeFile} (a thread-safe descriptor for positional I/O),
 * {@link io.blockhouse.kernel.BlockDevice} (ioctls), {@link io.blockhouse.kernel.AlignedBuffers},
 * {@link io.blockhouse.kernel.AnonymousMemory}. Failed calls throw {@link io.blockhouse.kernel.NativeIOException}
 * naming the call, the path and the errno text. Linux x86_64 only; elsewhere every entry point throws
 * {@link io.blockhouse.kernel.KernelUnavailableException}.
 */
package io.blockhouse.kernel;
