package io.blockhouse.mgmt;

import io.blockhouse.mgmt.access.ApiToken;
import io.blockhouse.mgmt.access.BearerHeader;
import io.blockhouse.mgmt.access.TokenFile;
import io.blockhouse.security.FailureLimiter;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the TCP listener: placed after the HTTP decoder and before the aggregator, it looks at each request's head
 * and lets it through only with the right bearer token, so nobody without the token gets a body buffered, let alone
 * a route executed. A refused request is answered 401 ({@code token_required} / {@code token_invalid}) or, for an
 * address over its failure limit, 429 ({@code too_many_failures}) with Retry-After; whatever the client still
 * sends on that connection is released unread and the connection closed after the answer. Failures are logged with
 * the source address and never with the token.
 */
final class TokenAuthHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TokenAuthHandler.class);

    private final Supplier<TokenFile> token;
    private final FailureLimiter limiter;
    private boolean refused;

    /** @param token the listener's current token file (changes when the configuration names another) */
    TokenAuthHandler(Supplier<TokenFile> token, FailureLimiter limiter) {
        this.token = token;
        this.limiter = limiter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof HttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Refusal refusal = check(ctx, request);
        if (refusal == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        refused = true;
        ReferenceCountUtil.release(msg);
        refusal.send(ctx);
    }

    /** A refusal: status, the JSON error and one extra header (Retry-After or WWW-Authenticate). */
    private record Refusal(int status, String code, String message, String header, String headerValue) {
        void send(ChannelHandlerContext ctx) {
            byte[] bytes = ApiRoutes.Reply.error(status, code, message).body().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            response.headers().set(header, headerValue);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Null when the request may pass; otherwise the answer that refuses it. */
    private Refusal check(ChannelHandlerContext ctx, HttpRequest request) {
        InetAddress source = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        long blocked = limiter.blockedSeconds(source);
        if (blocked > 0) {
            log.debug("management API: request from {} refused, blocked for {} s more", source.getHostAddress(),
                    blocked);
            return new Refusal(429, "too_many_failures", "authorization: too many failed attempts from "
                    + source.getHostAddress() + "; try again in " + blocked + " s", "Retry-After",
                    Long.toString(blocked));
        }
        String presented = BearerHeader.token(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        ApiToken expected;
        try {
            expected = token.get().current();
        } catch (TokenFile.TokenFileException e) {
            // Fail closed: without a usable token file nobody gets in; this is the administrator's problem to see.
            log.error("management API: refusing every TCP request: api.tcp.tokenFile: {}", e.getMessage());
            return new Refusal(503, "token_unavailable",
                    "authorization: the daemon's token file is unusable (see its log)", "Retry-After", "60");
        }
        if (expected.matches(presented)) {
            return null;
        }
        String reason = presented == null ? "no bearer token" : "wrong token";
        FailureLimiter.Outcome outcome = limiter.failure(source);
        log.warn("management API: refused {} {} from {}: {} ({} failure(s) within the window)", request.method(),
                request.uri(), source.getHostAddress(), reason, outcome.recentFailures());
        if (outcome.blockedNow()) {
            log.warn("management API: blocking {} for {} s after {} failed attempts", source.getHostAddress(),
                    limiter.blockedSeconds(source), outcome.recentFailures());
        }
        return presented == null
                ? new Refusal(401, "token_required", "authorization: send \"Authorization: Bearer <token>\"",
                        "WWW-Authenticate", "Bearer realm=\"blockhouse\"")
                : new Refusal(401, "token_invalid", "authorization: the token is not valid",
                        "WWW-Authenticate", "Bearer realm=\"blockhouse\", error=\"invalid_token\"");
    }
}
