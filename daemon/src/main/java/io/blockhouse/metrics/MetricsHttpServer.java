package io.blockhouse.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain-HTTP listener on TCP that serves only {@code GET /metrics} (and HEAD), for Prometheus to scrape. It
 * gives read access to the metrics and nothing else: no other path, no other method, no request body, so opening
 * it on a network does not open the management API. One event loop thread; the exposition is built per request.
 */
public final class MetricsHttpServer implements AutoCloseable {

    /** The one path served. */
    public static final String PATH = "/metrics";

    private static final Logger log = LoggerFactory.getLogger(MetricsHttpServer.class);
    /** A scrape request has no body; anything larger is refused by the aggregator (413). */
    private static final int MAX_REQUEST = 8192;
    private static final int IDLE_SECONDS = 60;

    private final EventLoopGroup group;
    private final Channel channel;
    private final InetSocketAddress address;

    private MetricsHttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
        this.address = (InetSocketAddress) channel.localAddress();
    }

    /**
     * Listens on {@code address}.
     *
     * @param exposition builds the text of one scrape (called on the listener's thread)
     * @throws IOException when the address cannot be bound (in use, not local...)
     */
    public static MetricsHttpServer start(InetSocketAddress address, Supplier<String> exposition)
            throws IOException {
        Objects.requireNonNull(exposition, "exposition");
        EventLoopGroup group = new NioEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "blockhouse-metrics");
            t.setDaemon(true);
            return t;
        });
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(IDLE_SECONDS), new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_REQUEST), new Handler(exposition));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        MetricsHttpServer server = new MetricsHttpServer(group, bound.channel());
        log.info("metrics listening on http://{}:{}{}", server.address.getAddress().getHostAddress(),
                server.address.getPort(), PATH);
        return server;
    }

    /** The address bound (port 0 resolved). */
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("metrics listener on {} closed", address);
    }

    /** One connection: answers each request in turn (keep-alive as the client asks). */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Supplier<String> exposition;

        Handler(Supplier<String> exposition) {
            this.exposition = exposition;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess()) {
                send(ctx, plain(HttpResponseStatus.BAD_REQUEST, "malformed request\n"), false);
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            if (!path.equals(PATH)) {
                send(ctx, plain(HttpResponseStatus.NOT_FOUND, "only " + PATH + " is served here\n"), keepAlive);
                return;
            }
            HttpMethod method = request.method();
            if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
                FullHttpResponse r = plain(HttpResponseStatus.METHOD_NOT_ALLOWED, PATH + " is read-only\n");
                r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
                send(ctx, r, keepAlive);
                return;
            }
            String text;
            try {
                text = exposition.get();
            } catch (RuntimeException e) {
                log.error("building the metrics failed", e);
                send(ctx, plain(HttpResponseStatus.INTERNAL_SERVER_ERROR, "metrics unavailable\n"), false);
                return;
            }
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    method.equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            send(ctx, r, keepAlive);
        }

        private static FullHttpResponse plain(HttpResponseStatus status, String text) {
            ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            return r;
        }

        private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("metrics connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
