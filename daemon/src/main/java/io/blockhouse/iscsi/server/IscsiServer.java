package io.blockhouse.iscsi.server;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.TargetCatalog;
import io.blockhouse.iscsi.admission.AdmissionLimits;
import io.blockhouse.iscsi.admission.ConnectionAdmission;
import io.blockhouse.iscsi.session.Connection;
import io.blockhouse.iscsi.session.FullFeatureHandler;
import io.blockhouse.iscsi.session.Session;
import io.blockhouse.iscsi.session.SessionRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iSCSI target server: listens on the configured portals and runs every connection's login and full feature
 * phase on Netty event loops (epoll when available, NIO otherwise; pooled direct buffers; TCP_NODELAY).
 *
 * <p>{@link #close()} is graceful: it stops accepting, stops taking new commands, waits (at most
 * {@link #DRAIN_TIMEOUT_SECONDS}) until in-flight commands have answered, then closes connections and event loops.
 */
public final class IscsiServer implements AutoCloseable {
    public static final int DRAIN_TIMEOUT_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(IscsiServer.class);

    private final TargetCatalog catalog;
    private final IscsiSettings settings;
    private final List<InetSocketAddress> listenAddresses;
    private final SessionRegistry registry;
    private final BusyPolling polling;
    private final ChannelGroup listeners = new DefaultChannelGroup("iscsi-listeners", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup connections = new DefaultChannelGroup("iscsi-connections",
            GlobalEventExecutor.INSTANCE);
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;

    public IscsiServer(TargetCatalog catalog, IscsiSettings settings, List<InetSocketAddress> listenAddresses) {
        this(catalog, settings, AdmissionLimits.defaults(), listenAddresses);
    }

    /** A server whose logins, sessions and buffered write data are bounded by {@code limits}. */
    public IscsiServer(TargetCatalog catalog, IscsiSettings settings, AdmissionLimits limits,
                       List<InetSocketAddress> listenAddresses) {
        this(catalog, settings, limits, BusyPolling.off(), listenAddresses);
    }

    /** A server whose connection event loops poll for work as {@code polling} says before they sleep (epoll only). */
    public IscsiServer(TargetCatalog catalog, IscsiSettings settings, AdmissionLimits limits, BusyPolling polling,
                       List<InetSocketAddress> listenAddresses) {
        this.polling = polling;
        this.registry = new SessionRegistry(new ConnectionAdmission(limits));
        this.catalog = catalog;
        this.settings = settings;
        this.listenAddresses = List.copyOf(listenAddresses);
    }

    /**
     * Binds every listen address.
     *
     * @throws IOException naming the address that could not be bound (already-bound ones are closed again)
     */
    public synchronized void start() throws IOException {
        if (bossGroup != null) {
            throw new IllegalStateException("already started");
        }
        boolean epoll = Epoll.isAvailable();
        bossGroup = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        workerGroup = epoll ? new EpollEventLoopGroup(0, (ThreadFactory) null, polling) : new NioEventLoopGroup();
        Class<? extends ServerChannel> channelClass = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        IscsiChannelInitializer initializer = new IscsiChannelInitializer(catalog, settings, registry,
                new SecureRandom());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelClass)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // Reads pause above the high mark (see FullFeatureHandler): sized for several large Data-In bursts.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(initializer);
                    }
                });
        for (InetSocketAddress address : listenAddresses) {
            ChannelFuture f = bootstrap.bind(address).awaitUninterruptibly();
            if (!f.isSuccess()) {
                shutdownGroups();
                throw new IOException("cannot listen on " + address + ": " + f.cause().getMessage(), f.cause());
            }
            listeners.add(f.channel());
            bound.add((InetSocketAddress) f.channel().localAddress());
            log.info("iSCSI portal listening on {} ({})", f.channel().localAddress(), epoll ? "epoll" : "nio");
        }
    }

    /** How the connection event loops poll for work (and how often that found some). */
    public BusyPolling polling() {
        return polling;
    }

    /** The addresses actually bound (resolves port 0 to the chosen port). */
    public synchronized List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** Number of sessions in full feature phase. */
    public int sessionCount() {
        return registry.all().size();
    }

    /** TCP connections open now, logins in progress included. */
    public int connectionCount() {
        return connections.size();
    }

    /** Protocol counters: logins, login failures, Rejects, digest errors. */
    public io.blockhouse.iscsi.stats.IscsiCounters counters() {
        return registry.counters();
    }

    /** Login, session and write-buffer limits with their counters (for metrics). */
    public ConnectionAdmission admission() {
        return registry.admission();
    }

    /**
     * Asks every event loop to hand the pooled buffers it caches for its connections back to the pool, so that pool
     * chunks nobody uses can be freed; for a target that has gone quiet (see daemon.IdleMemoryRelease). Returns at
     * once; the loops trim on their own threads, since a buffer cache belongs to its thread.
     */
    public synchronized void trimBufferCaches() {
        if (workerGroup == null) {
            return;
        }
        // A cache trim keeps as many entries as were used since the previous trim: the second one empties it.
        workerGroup.forEach(loop -> loop.execute(() -> {
            PooledByteBufAllocator.DEFAULT.trimCurrentThreadCache();
            PooledByteBufAllocator.DEFAULT.trimCurrentThreadCache();
        }));
    }

    /** The live sessions (for status displays); a snapshot. */
    public List<Session> sessions() {
        return registry.all();
    }

    @Override
    public synchronized void close() {
        if (bossGroup == null) {
            return;
        }
        listeners.close().awaitUninterruptibly();
        drainConnections();
        connections.close().awaitUninterruptibly(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        shutdownGroups();
        listeners.clear();
        bound.clear();
        log.info("iSCSI server stopped");
    }

    private void drainConnections() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_SECONDS);
        for (Channel ch : connections) {
            ch.eventLoop().execute(() -> {
                Connection c = connection(ch);
                if (c != null) {
                    c.drain(DRAIN_TIMEOUT_SECONDS);
                }
            });
        }
        while (System.nanoTime() < deadline) {
            if (allIdle()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("in-flight commands did not finish within {} s; closing connections anyway", DRAIN_TIMEOUT_SECONDS);
    }

    private boolean allIdle() {
        for (Channel ch : connections) {
            CompletableFuture<Boolean> idle = new CompletableFuture<>();
            try {
                ch.eventLoop().execute(() -> {
                    Connection c = connection(ch);
                    idle.complete(c == null || c.idle());
                });
                if (!idle.get(1, TimeUnit.SECONDS)) {
                    return false;
                }
            } catch (Exception e) {
                // The loop is gone or slow: treat the connection as not blocking shutdown further.
                log.debug("idle check failed for {}", ch, e);
            }
        }
        return true;
    }

    private static Connection connection(Channel ch) {
        FullFeatureHandler h = ch.pipeline().get(FullFeatureHandler.class);
        return h == null ? null : h.connection();
    }

    private void shutdownGroups() {
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        bossGroup = null;
        workerGroup = null;
    }
}
