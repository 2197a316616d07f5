package io.blockhouse.it.initiator;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One TCP connection to a target, speaking PDUs over a blocking socket. Besides the normal {@link #send}/
 * {@link #receive} pair it offers a raw mode for hostile tests: arbitrary bytes, deliberately corrupted digests,
 * bounded waits that report silence or a closed connection instead of throwing.
 *
 * <p>Not thread-safe: one test thread drives one connection.
 */
public final class IscsiConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private volatile boolean headerDigest;
    private volatile boolean dataDigest;
    private int defaultTimeoutMillis;
    /** Login PDUs may carry at most 8192 bytes (RFC 7143 section 6.1); raised to our declared limit after login. */
    private volatile int maxReceiveDataLength = 8192;

    private IscsiConnection(Socket socket, int timeoutMillis) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 65536);
        this.out = socket.getOutputStream();
        this.defaultTimeoutMillis = timeoutMillis;
        socket.setSoTimeout(timeoutMillis);
    }

    /** Connects with TCP_NODELAY; {@code timeout} bounds the connect and every later blocking read. */
    public static IscsiConnection open(String host, int port, Duration timeout) throws IOException {
        return open(host, port, timeout, null);
    }

    /**
     * As {@link #open(String, int, Duration)}, from {@code localAddress} (e.g. 127.0.0.2, to be another source
     * address on loopback), or from the system's choice when null.
     */
    public static IscsiConnection open(String host, int port, Duration timeout, java.net.InetAddress localAddress)
            throws IOException {
        Socket socket = new Socket();
        try {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new IscsiConnection(socket, (int) timeout.toMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Switches digests on or off; login calls this when the login phase completes. */
    public void digests(boolean header, boolean data) {
        this.headerDigest = header;
        this.dataDigest = data;
    }

    /** The largest data segment accepted from the target (our declared MaxRecvDataSegmentLength). */
    public void maxReceiveDataLength(int length) {
        this.maxReceiveDataLength = length;
    }

    public boolean headerDigest() {
        return headerDigest;
    }

    public boolean dataDigest() {
        return dataDigest;
    }

    /** Changes the timeout used by {@link #receive()}. */
    public void readTimeout(Duration timeout) throws SocketException {
        defaultTimeoutMillis = (int) timeout.toMillis();
        socket.setSoTimeout(defaultTimeoutMillis);
    }

    public void send(Pdu pdu) throws IOException {
        send(pdu, Corruption.NONE);
    }

    /** Sends {@code pdu} with the current digest settings, damaged as {@code corruption} says. */
    public void send(Pdu pdu, Corruption corruption) throws IOException {
        sendRaw(PduCodec.encode(pdu, headerDigest, dataDigest, corruption));
    }

    /** Writes arbitrary bytes. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads the next PDU, waiting at most the read timeout.
     *
     * @throws SocketTimeoutException when nothing arrived in time
     * @throws EOFException           when the target closed the connection
     */
    public Pdu receive() throws IOException {
        return PduCodec.read(in, headerDigest, dataDigest, maxReceiveDataLength);
    }

    /** Waits up to {@code timeout} for the next PDU and reports what happened; never throws for I/O trouble. */
    public ReceiveOutcome poll(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            return new ReceiveOutcome.Received(PduCodec.read(in, headerDigest, dataDigest, maxReceiveDataLength));
        } catch (SocketTimeoutException e) {
            return new ReceiveOutcome.TimedOut();
        } catch (IscsiProtocolException e) {
            return new ReceiveOutcome.Garbled(e);
        } catch (IOException e) {
            return new ReceiveOutcome.Closed(e.toString());
        } finally {
            restoreTimeout();
        }
    }

    /**
     * Reads and discards whatever arrives until the target closes the connection or {@code timeout} passes.
     *
     * @return true when the target closed (or reset) the connection in time
     */
    public boolean awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[8192];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) left);
                if (in.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer counts as closed
        } finally {
            restoreTimeout();
        }
    }

    /** Half-closes: the target sees end of stream, we can still read its answer. */
    public void shutdownOutput() throws IOException {
        if (!socket.isOutputShutdown()) {
            socket.shutdownOutput();
        }
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    private void restoreTimeout() {
        try {
            if (!socket.isClosed()) {
                socket.setSoTimeout(defaultTimeoutMillis);
            }
        } catch (SocketException ignored) {
            // the socket died meanwhile; the next operation reports it
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
