/**
 * Storage back-ends: the byte stores behind logical units. {@link io.blockhouse.backend.Backends#open} turns a
 * {@link io.blockhouse.backend.BackendSpec} into a {@link io.blockhouse.backend.BlockBackend}: a file
 * ({@link io.blockhouse.backend.FileBackend}), a block device ({@link io.blockhouse.backend.BlockDeviceBackend}),
 * memory ({@link io.blockhouse.backend.RamBackend}) or nothing ({@link io.blockhouse.backend.NullBackend}).
 * Back-ends that can release space also implement {@link io.blockhouse.backend.Discardable} (for UNMAP).
 */
package io.blockhouse.backend;
