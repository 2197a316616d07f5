package io.blockhouse.backend;

/**
 * A back-end whose reads, writes and flushes never wait for a device: they are memory copies (RAM) or nothing at all
 * (null). The SCSI layer may run plain READ and WRITE on such a back-end on the network thread that received the
 * command instead of handing it to the I/O pool and back, which at queue depth 1 is most of a command's latency.
 * Check with {@code backend instanceof NonBlocking}.
 */
public interface NonBlocking {
}
