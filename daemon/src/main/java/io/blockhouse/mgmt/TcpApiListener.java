package io.blockhouse.mgmt;

import io.blockhouse.security.FailureLimiter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP listener of the management API: the same routes as the Unix socket behind TLS (the first bytes of a
 * connection must be a TLS handshake; plain HTTP never reaches the HTTP decoder) and the bearer token check. The
 * TLS context and token file can be replaced while it listens ({@link #use}); connections already open keep the
 * ones they started with.
 *
 * <p>Pipeline per connection: {@code tls} (SslHandler), {@code idle} (a read timeout until the request head is
 * accepted), {@code http} (codec), {@code auth} ({@link TokenAuthHandler}), {@code aggregate}, {@code api}
 * ({@link ApiHandler}).
 */
final class TcpApiListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpApiListener.class);
    /** How long a connection may stay silent before its request head has been accepted. */
    private static final int UNAUTHENTICATED_IDLE_SECONDS = 30;

    private final InetSocketAddress address;
    private final AtomicReference<TcpApiSecurity> security;
    private final Channel channel;

    private TcpApiListener(InetSocketAddress address, AtomicReference<TcpApiSecurity> security, Channel channel) {
        this.address = address;
        this.security = security;
        this.channel = channel;
    }

    /** Binds {@code address}; the request goes to {@code routes} on {@code worker} as on the socket. */
    static TcpApiListener bind(EventLoopGroup group, InetSocketAddress address, TcpApiSecurity initial,
                               FailureLimiter limiter, ApiRoutes routes, Executor worker) throws IOException {
        AtomicReference<TcpApiSecurity> security = new AtomicReference<>(initial);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        TcpApiSecurity s = security.get();
                        ch.pipeline()
                                .addLast("tls", s.ssl().newHandler(ch.alloc()))
                                .addLast("idle", new ReadTimeoutHandler(UNAUTHENTICATED_IDLE_SECONDS,
                                        TimeUnit.SECONDS))
                                .addLast("tls-log", new HandshakeLogger())
                                .addLast("http", new HttpServerCodec())
                                .addLast("auth", new TokenAuthHandler(s::token, limiter))
                                .addLast("accepted", new StopIdleTimeout())
                                .addLast("aggregate", new HttpObjectAggregator(ApiServer.MAX_BODY))
                                .addLast("api", new ApiHandler(routes, worker));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen on " + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        log.info("management API listening on {} (TLS {}, bearer token {})", address,
                String.join("/", TcpApiSecurity.PROTOCOLS), initial.token().path());
        return new TcpApiListener(address, security, bound.channel());
    }

    InetSocketAddress address() {
        return address;
    }

    /** New connections use {@code next} from now on (certificate or token file changed, same address). */
    void use(TcpApiSecurity next) {
        security.set(next);
        log.info("management API on {}: TLS material and token file {} replaced", address, next.token().path());
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        log.info("management API on {} closed", address);
    }

    /** Logs failed handshakes (plain HTTP, old TLS versions, untrusted clients) once, at info, with the source. */
    private static final class HandshakeLogger extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
                // NotSslRecordException's message dumps the bytes received, which may be a plain-text request
                // carrying a token: never log it.
                String why = done.cause() instanceof NotSslRecordException ? "not TLS (plain HTTP?)"
                        : done.cause().getMessage();
                log.info("management API: TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), why);
            }
            super.userEventTriggered(ctx, evt);
        }
    }

    /** Once a request head passed the token check, the request may take as long as its route needs. */
    private static final class StopIdleTimeout extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest && ctx.pipeline().get("idle") != null) {
                ctx.pipeline().remove("idle");
            }
            ctx.fireChannelRead(msg);
        }
    }
}
