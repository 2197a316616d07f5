package io.blockhouse.backend;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * Buffered positional I/O through a {@link FileChannel} (page cache, any kind of buffer).
 *
 * <p>A FileChannel closes itself for everybody when one thread is interrupted during I/O. A back-end is shared by
 * every session of its LU, so one aborted task must not break the others: when the channel turns out closed while
 * the back-end is still open, it is reopened and the operation retried, unless the current thread is itself the one
 * interrupted.
 */
final class ChannelIo implements AutoCloseable {

    private final Path path;
    private final Set<OpenOption> options;
    private volatile FileChannel channel;
    private volatile boolean closed;

    ChannelIo(Path path, boolean readOnly, boolean dsync) throws IOException {
        this.path = path;
        Set<StandardOpenOption> opts = EnumSet.of(StandardOpenOption.READ);
        if (!readOnly) {
            opts.add(StandardOpenOption.WRITE);
        }
        if (dsync) {
            opts.add(StandardOpenOption.DSYNC);
        }
        this.options = Set.copyOf(opts);
        this.channel = FileChannel.open(path, options);
    }

    void read(long offset, ByteBuffer dst) throws IOException {
        int start = dst.position();
        while (true) {
            FileChannel ch = channel;
            try {
                long position = offset + (dst.position() - start);
                while (dst.hasRemaining()) {
                    int n = ch.read(dst, position);
                    if (n < 0) {
                        throw new java.io.EOFException("read " + path + ": end of file at offset " + position
                                + " while reading " + (dst.limit() - start) + " bytes at offset " + offset);
                    }
                    position += n;
                }
                return;
            } catch (ClosedChannelException e) {
                recover(ch, e);
            }
        }
    }

    /** Writes all of {@code src}; when {@code durable} the data is on stable storage on return. */
    void write(long offset, ByteBuffer src, boolean durable) throws IOException {
        int start = src.position();
        while (true) {
            FileChannel ch = channel;
            try {
                long position = offset + (src.position() - start);
                while (src.hasRemaining()) {
                    position += ch.write(src, position);
                }
                if (durable) {
                    ch.force(false);
                }
                return;
            } catch (ClosedChannelException e) {
                recover(ch, e);
            }
        }
    }

    private void recover(FileChannel broken, ClosedChannelException cause) throws IOException {
        if (closed) {
            throw new IOException(path + " is closed", cause);
        }
        if (Thread.currentThread().isInterrupted()) {
            InterruptedIOException e = new InterruptedIOException("I/O on " + path + " interrupted");
            e.initCause(cause);
            throw e;
        }
        synchronized (this) {
            if (channel == broken && !closed) {
                channel = FileChannel.open(path, options);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }
}
