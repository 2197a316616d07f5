/**
 * Load and soak test (issue 8, Done-when 3): many sessions doing verified I/O against the packaged daemon with logins,
 * logouts, dropped connections, NOP-In timeouts and task management aborts interleaved, while the daemon's heap,
 * threads, file descriptors and RSS are sampled. {@link io.blockhouse.it.soak.SoakIT} runs it; the workload of one
 * session is {@link io.blockhouse.it.soak.SessionWorker}, what a block may hold is tracked by
 * {@link io.blockhouse.it.soak.BlockLedger}, the samples by {@link io.blockhouse.it.soak.ResourceSampler} and the
 * flatness rules by {@link io.blockhouse.it.soak.ResourceBounds}. See docs/RELIABILITY.md, section Soak.
 */
package io.blockhouse.it.soak;
