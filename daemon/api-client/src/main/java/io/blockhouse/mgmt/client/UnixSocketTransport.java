package io.blockhouse.mgmt.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** The local daemon's API socket: access is decided by the socket file's permissions, so no token is sent. */
final class UnixSocketTransport implements Transport {

    private final Path socket;

    UnixSocketTransport(Path socket) {
        this.socket = socket;
    }

    @Override
    public byte[] exchange(byte[] request) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (ch.read(buf) >= 0) {
                buf.flip();
                received.write(buf.array(), 0, buf.limit());
                buf.clear();
            }
        }
        return received.toByteArray();
    }

    @Override
    public String describe() {
        return socket.toString();
    }

    @Override
    public String hostHeader() {
        return "blockhouse";
    }

    @Override
    public String authorization() {
        return null;
    }

    @Override
    public String hint() {
        return " (is blockhouse-daemon running? use --data-dir or --socket)";
    }
}
