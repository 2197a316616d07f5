/**
 * I/O accounting of the SCSI layer: per logical unit ({@link io.blockhouse.scsi.stats.UnitIoStats}: operations,
 * bytes, latency histograms, errors by sense key) and per mapped LUN ({@link io.blockhouse.scsi.stats.LunCounters},
 * one per session and one per target port). Everything here is lock-free (LongAdder) and allocates nothing per
 * command: the counter objects are resolved once when a nexus gets its LUN map, never per I/O.
 */
package io.blockhouse.scsi.stats;
