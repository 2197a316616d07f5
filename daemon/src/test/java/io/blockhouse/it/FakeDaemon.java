package io.blockhouse.it;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for the daemon's Main, packaged into a throw-away jar by {@code DaemonProcessTest} so the harness can be
 * tested before (and independently of) the real daemon. Understands the real command line; the config text selects
 * a behaviour: "fake-exit-3" exits at once with 3, "fake-leak" prints a Netty-style leak report, "fake-bad-stop"
 * exits 1 on SIGTERM; otherwise it listens and exits 0 on SIGTERM.
 */
public final class FakeDaemon {

    private FakeDaemon() {
    }

    public static void main(String[] args) throws Exception {
        String config = null;
        String listen = null;
        Path dataDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--config" -> config = Files.readString(Path.of(args[i + 1]));
                case "--listen" -> listen = args[i + 1];
                case "--data-dir" -> dataDir = Files.createDirectories(Path.of(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (config == null || listen == null) {
            throw new IllegalArgumentException("--config and --listen are required");
        }
        if (config.contains("fake-exit-3")) {
            System.out.println("refusing to start");
            System.exit(3);
        }
        int exitCode = config.contains("fake-bad-stop") ? 1 : 0;
        boolean leak = config.contains("fake-leak");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (leak) {
                System.out.println("ERROR io.netty.util.ResourceLeakDetector - LEAK: ByteBuf.release() was not called");
            }
            System.out.println("stopped");
            System.out.flush();
            Runtime.getRuntime().halt(exitCode);
        }));
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
             java.nio.channels.ServerSocketChannel api = java.nio.channels.ServerSocketChannel.open(
                     java.net.StandardProtocolFamily.UNIX)) {
            // Like the real daemon: the API socket opens after the portal (the harness waits for both).
            if (dataDir != null) {
                api.bind(java.net.UnixDomainSocketAddress.of(dataDir.resolve("blockhouse.sock")));
            }
            System.out.println("listening on " + listen);
            while (true) {
                Socket socket = server.accept();
                socket.close();
            }
        }
    }
}
