package io.blockhouse.mgmt;

import io.blockhouse.config.ApiConfig;
import io.blockhouse.config.ConfigException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API: HTTP/1.1 with JSON bodies on a Unix domain socket ({@code <data-dir>/blockhouse.sock}, mode
 * 0660, so access is a matter of file permissions). Requests are parsed on one Netty event loop and executed one at
 * a time on a worker thread of their own, because a change may block (opening a device, fsync of the store).
 * The "api" section of the configuration may hand the socket to a group and add a TCP listener (TLS and a bearer
 * token, {@link TcpApiListener}); both follow live changes of that section ({@link #prepare}).
 */
public final class ApiServer implements AutoCloseable {

    /** File name of the socket inside the data directory. */
    public static final String SOCKET_NAME = "blockhouse.sock";
    /** Largest request body accepted (a whole configuration or scst.conf). */
    static final int MAX_BODY = 16 << 20;

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final Path socket;
    private final EventLoopGroup group;
    private final ExecutorService worker;
    private final Channel channel;
    private final ApiRoutes routes;
    private final ApiAccess access;

    private ApiServer(Path socket, EventLoopGroup group, ExecutorService worker, Channel channel, ApiRoutes routes,
                      ApiAccess access) {
        this.socket = socket;
        this.group = group;
        this.worker = worker;
        this.channel = channel;
        this.routes = routes;
        this.access = access;
    }

    /** Listens on {@code socket} only, as a configuration without an "api" section does. */
    public static ApiServer start(Path socket, ConfigService service) throws IOException {
        try {
            return start(socket, service, null);
        } catch (ConfigException e) {
            throw new IllegalStateException("no api section, nothing to refuse", e);
        }
    }

    /**
     * Listens on {@code socket}. A stale socket file (no one answering) is replaced; a live one means another daemon
     * uses this data directory, which is refused.
     */
    public static ApiServer start(Path socket, ConfigService service, ApiConfig api)
            throws IOException, ConfigException {
        if (!Epoll.isAvailable()) {
            throw new IOException("the management API needs Netty's epoll transport (Linux): "
                    + Epoll.unavailabilityCause());
        }
        removeStaleSocket(socket);
        EventLoopGroup group = new EpollEventLoopGroup(1);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "blockhouse-mgmt");
            t.setDaemon(true);
            return t;
        });
        ApiRoutes routes = new ApiRoutes(service);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                new ApiHandler(routes, worker));
                    }
                });
        ChannelFuture bound = bootstrap.bind(new DomainSocketAddress(socket.toString())).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            worker.shutdownNow();
            throw new IOException("cannot listen on " + socket + ": " + bound.cause().getMessage(), bound.cause());
        }
        ApiServer server = null;
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            log.info("management API listening on {}", socket);
            server = new ApiServer(socket, group, worker, bound.channel(), routes, new ApiAccess(socket));
            server.access.start(api, server::bindTcp);
            return server;
        } catch (IOException | ConfigException | RuntimeException e) {
            if (server != null) {
                server.close();
            } else {
                bound.channel().close().awaitUninterruptibly();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                worker.shutdownNow();
            }
            throw e;
        }
    }

    private TcpApiListener bindTcp(InetSocketAddress address, TcpApiSecurity security) throws IOException {
        return TcpApiListener.bind(group, address, security, access.limiter(), routes, worker);
    }

    /**
     * Gets ready to serve the "api" section {@code to}: checks the group and the TLS material, binds a new TCP
     * address. Nothing visible changes until {@link ApiAccess.Change#commit()}.
     *
     * @throws MgmtException the section cannot be served (the field is named); nothing changed
     */
    public ApiAccess.Change prepare(ApiConfig to) throws MgmtException {
        return access.prepare(to, this::bindTcp);
    }

    /** The TCP listener's address, or null when there is none. */
    public InetSocketAddress tcpAddress() {
        return access.tcpAddress();
    }

    private static void removeStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IOException(socket + " is in use: another daemon runs on this data directory");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("is in use")) {
                throw e;
            }
            log.info("removing stale management socket {}", socket);
            Files.deleteIfExists(socket);
        }
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        access.close();
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", socket, e.getMessage());
        }
    }
}
