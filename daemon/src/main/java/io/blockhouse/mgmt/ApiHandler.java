package io.blockhouse.mgmt;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API connection: copies each request out of its buffer (the aggregated request is released by
 * {@link SimpleChannelInboundHandler} when this returns), runs it on the management worker and writes the JSON answer,
 * closing the connection after it (one request per connection keeps the client trivial).
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final ApiRoutes routes;
    private final Executor worker;

    ApiHandler(ApiRoutes routes, Executor worker) {
        this.routes = routes;
        this.worker = worker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String method = request.method().name();
        String uri = request.uri();
        String body = request.content().toString(StandardCharsets.UTF_8);
        if (!request.decoderResult().isSuccess()) {
            send(ctx, ApiRoutes.Reply.error(400, "bad_request", "request: malformed HTTP"));
            return;
        }
        try {
            worker.execute(() -> {
                ApiRoutes.Reply reply = routes.handle(method, uri, body);
                ctx.channel().eventLoop().execute(() -> send(ctx, reply));
            });
        } catch (RejectedExecutionException e) {
            send(ctx, ApiRoutes.Reply.error(503, "shutting_down", "daemon: shutting down"));
        }
    }

    private static void send(ChannelHandlerContext ctx, ApiRoutes.Reply reply) {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A plain-text request on the TLS port comes back as NotSslRecordException with the received bytes (maybe
        // a token) in its message: name the class only.
        boolean notTls = cause instanceof io.netty.handler.ssl.NotSslRecordException
                || cause.getCause() instanceof io.netty.handler.ssl.NotSslRecordException;
        log.debug("management API connection failed: {}", notTls ? "not TLS" : cause.toString());
        ctx.close();
    }
}
