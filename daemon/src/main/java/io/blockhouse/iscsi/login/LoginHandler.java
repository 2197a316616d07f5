package io.blockhouse.iscsi.login;

import io.blockhouse.iscsi.ChapCredentials;
import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.IscsiTarget;
import io.blockhouse.iscsi.TargetCatalog;
import io.blockhouse.iscsi.pdu.IscsiFrameDecoder;
import io.blockhouse.iscsi.pdu.IscsiPdu;
import io.blockhouse.iscsi.pdu.LoginRequestPdu;
import io.blockhouse.iscsi.pdu.LoginResponsePdu;
import io.blockhouse.iscsi.pdu.PduDefect;
import io.blockhouse.iscsi.pdu.PduEncoder;
import io.blockhouse.iscsi.session.FullFeatureHandler;
import io.blockhouse.iscsi.session.Session;
import io.blockhouse.iscsi.session.SessionKey;
import io.blockhouse.iscsi.session.SessionRegistry;
import io.blockhouse.scsi.Nexus;
import io.blockhouse.security.FailureLimiter;
import io.blockhouse.security.Printable;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login phase of one connection (RFC 7143 sections 6 and 11.12-11.13): leading-login checks (names, session
 * type, target lookup, access, TSIH), security negotiation (AuthMethod None or CHAP), operational negotiation, stage
 * transitions, text continuation in both directions, and finally the switch to full feature phase: session
 * registration (reinstating an older session with the same initiator, ISID and target), digests and data-segment
 * limits for the framing stages, and replacement of this handler by {@link FullFeatureHandler}.
 */
public final class LoginHandler extends ChannelInboundHandlerAdapter {
    public static final int STAGE_SECURITY = 0;
    public static final int STAGE_OPERATIONAL = 1;
    public static final int STAGE_FULL_FEATURE = 3;
    private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);
    private static final int MAX_LOGIN_TEXT = 65536;

    private final TargetCatalog catalog;
    private final IscsiSettings settings;
    private final SessionRegistry registry;
    private final SecureRandom random;

    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timeout;
    private boolean leading = true;
    private boolean started;
    private int stage;
    private byte[] isid = new byte[6];
    private int requestTsih;
    private int cid;
    private int statSN;
    private int cmdSN;
    private int itt;
    private String initiatorName;
    private boolean discovery;
    private IscsiTarget target;
    private ChapCredentials credentials;
    private String authMethod;
    private ChapAuthenticator chap;
    /** This login was refused because its address is blocked: not a further failure to count. */
    private boolean refusedWhileBlocked;
    private boolean authenticated;
    private SessionParameters params;
    private OperationalNegotiator negotiator;
    private boolean declared;
    private ByteArrayOutputStream requestText = new ByteArrayOutputStream();
    private PendingResponse pending;
    private boolean finished;

    /** A response whose text needs more than one PDU: sent part by part as the initiator asks. */
    private final class PendingResponse {
        final byte[] text;
        final boolean transit;
        final int currentStage;
        final int nextStage;
        final Session session;
        int offset;

        PendingResponse(byte[] text, boolean transit, int currentStage, int nextStage, Session session) {
            this.text = text;
            this.transit = transit;
            this.currentStage = currentStage;
            this.nextStage = nextStage;
            this.session = session;
        }
    }

    /** This connection holds one of the server's login slots (ConnectionAdmission) until the handler goes. */
    private boolean loginSlot;

    public LoginHandler(TargetCatalog catalog, IscsiSettings settings, SessionRegistry registry,
                        SecureRandom random) {
        this.catalog = catalog;
        this.settings = settings;
        this.registry = registry;
        this.random = random;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        loginSlot = registry.admission().loginStarted();
        if (!loginSlot) {
            // Nothing to answer yet (no Login Request read): closing at once keeps a flood of idle connections
            // from holding memory and descriptors.
            long refused = registry.admission().refusedConnections();
            if ((refused & (refused - 1)) == 0) { // 1, 2, 4, 8...: a flood cannot flood the log as well
                log.warn("{}: {} logins already in progress; closing ({} connections refused so far)",
                        ctx.channel(), registry.admission().limits().maxLoginsInProgress(), refused);
            }
            ctx.close();
            return;
        }
        if (settings.loginTimeoutSeconds() > 0) {
            timeout = ctx.executor().schedule(() -> {
                if (!finished) {
                    log.warn("{}: login not completed within {} s; closing", ctx.channel(),
                            settings.loginTimeoutSeconds());
                    registry.counters().loginTimedOut();
                    ctx.close();
                }
            }, settings.loginTimeoutSeconds(), TimeUnit.SECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (loginSlot) {
            loginSlot = false;
            registry.admission().loginEnded();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (finished) {
                return;
            }
            if (!(msg instanceof LoginRequestPdu request)) {
                int tag = msg instanceof IscsiPdu p ? p.initiatorTaskTag() : 0;
                fail(tag, new LoginException(LoginStatus.INVALID_DURING_LOGIN, "non-login PDU during login: "
                        + msg));
                return;
            }
            if (request.defect() != PduDefect.NONE) {
                fail(request.initiatorTaskTag(), new LoginException(LoginStatus.INITIATOR_ERROR,
                        "login PDU " + request.defect()));
                return;
            }
            try {
                process(request);
            } catch (LoginException e) {
                fail(request.initiatorTaskTag(), e);
            } catch (RuntimeException e) {
                log.error("{}: login failed with an internal error", ctx.channel(), e);
                fail(request.initiatorTaskTag(), new LoginException(LoginStatus.TARGET_ERROR, e.toString()));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void process(LoginRequestPdu request) throws LoginException {
        itt = request.initiatorTaskTag();
        if (request.versionMin() > 0) {
            throw new LoginException(LoginStatus.UNSUPPORTED_VERSION, "Version-min " + request.versionMin());
        }
        if (!started) {
            started = true;
            isid = request.isid();
            requestTsih = request.tsih();
            cid = request.cid();
            statSN = request.expStatSN();
            cmdSN = request.cmdSN();
        } else if (!Arrays.equals(isid, request.isid()) || requestTsih != request.tsih()) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "ISID or TSIH changed during login");
        }
        if (pending != null) {
            if (request.continues() || request.data().isReadable()) {
                throw new LoginException(LoginStatus.INITIATOR_ERROR, "new text while our response continues");
            }
            sendPart();
            return;
        }
        if (request.transit() && request.continues()) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "T and C bits both set");
        }
        int csg = request.currentStage();
        if (csg != STAGE_SECURITY && csg != STAGE_OPERATIONAL) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "CSG " + csg);
        }
        if (leading) {
            stage = csg;
        } else if (csg != stage) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "CSG " + csg + " while in stage " + stage);
        }
        int nsg = request.nextStage();
        if (request.transit() && (nsg <= csg || nsg == 2)) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "invalid NSG " + nsg + " from CSG " + csg);
        }
        if (requestText.size() + request.data().readableBytes() > MAX_LOGIN_TEXT) {
            throw new LoginException(LoginStatus.OUT_OF_RESOURCES, "login text longer than " + MAX_LOGIN_TEXT);
        }
        byte[] chunk = new byte[request.data().readableBytes()];
        request.data().getBytes(request.data().readerIndex(), chunk);
        requestText.writeBytes(chunk);
        if (request.continues()) {
            // RFC 7143 section 6.6: acknowledge each partial PDU with an empty response and keep collecting.
            send(new LoginResponsePdu(false, false, csg, 0, isid, requestTsih, itt, 0, 0, null));
            ctx.flush();
            return;
        }
        TextKeys keys;
        try {
            keys = TextKeys.parse(requestText.toByteArray());
        } catch (TextFormatException e) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, e.getMessage());
        } finally {
            requestText = new ByteArrayOutputStream();
        }
        respond(request, csg, keys);
    }

    private void respond(LoginRequestPdu request, int csg, TextKeys keys) throws LoginException {
        if (log.isDebugEnabled()) {
            log.debug("{}: login request CSG={} T={} NSG={} keys={}", ctx.channel(), csg, request.transit(),
                    request.nextStage(), loggable(keys));
        }
        TextKeys response = new TextKeys();
        if (leading) {
            leadingLogin(keys, csg, response);
            leading = false;
        } else {
            checkDeclarationsUnchanged(keys);
        }
        boolean mayTransit;
        if (csg == STAGE_SECURITY) {
            mayTransit = security(keys, response, request.transit());
        } else {
            for (String key : keys.keys()) {
                if (OperationalNegotiator.isSecurityKey(key)) {
                    throw new LoginException(LoginStatus.INITIATOR_ERROR, key + " outside security negotiation");
                }
            }
            mayTransit = true;
        }
        for (Map.Entry<String, String> e : operationalKeysInOrder(keys)) {
            negotiator.negotiate(e.getKey(), e.getValue(), response);
        }
        int nsg = request.nextStage();
        boolean transit = request.transit() && mayTransit;
        boolean toFullFeature = transit && nsg == STAGE_FULL_FEATURE;
        if (!declared && (csg == STAGE_OPERATIONAL || toFullFeature)) {
            response.put("MaxRecvDataSegmentLength", Integer.toString(settings.maxRecvDataSegmentLength()));
            declared = true;
        }
        if (toFullFeature) {
            TextKeys offers = negotiator.targetOffers();
            for (Map.Entry<String, String> e : offers.asMap().entrySet()) {
                response.put(e.getKey(), e.getValue());
            }
        }
        if (negotiator.awaitingAnswers()) {
            transit = false;
            toFullFeature = false;
        }
        Session session = toFullFeature ? createSession() : null;
        pending = new PendingResponse(response.toBytes(), transit, csg, transit ? nsg : 0, session);
        if (transit) {
            stage = nsg;
        }
        sendPart();
    }

    /** The request's keys for debug logs, CHAP values left out. */
    private static Map<String, String> loggable(TextKeys keys) {
        Map<String, String> shown = new LinkedHashMap<>();
        keys.asMap().forEach((k, v) -> shown.put(Printable.of(k), k.startsWith("CHAP_") ? "..." : Printable.of(v)));
        return shown;
    }

    /** Operational keys, minus declarations and security keys, with FirstBurstLength last (it depends on others). */
    private static List<Map.Entry<String, String>> operationalKeysInOrder(TextKeys keys) {
        List<Map.Entry<String, String>> result = new ArrayList<>();
        Map.Entry<String, String> firstBurst = null;
        for (Map.Entry<String, String> e : keys.asMap().entrySet()) {
            String k = e.getKey();
            if (OperationalNegotiator.isSecurityKey(k) || k.equals("InitiatorName") || k.equals("TargetName")
                    || k.equals("SessionType") || k.equals("InitiatorAlias")) {
                continue;
            }
            if (k.equals("FirstBurstLength")) {
                firstBurst = e;
            } else {
                result.add(e);
            }
        }
        if (firstBurst != null) {
            result.add(firstBurst);
        }
        return result;
    }

    private void leadingLogin(TextKeys keys, int csg, TextKeys response) throws LoginException {
        initiatorName = keys.get("InitiatorName");
        if (initiatorName == null || initiatorName.isEmpty()) {
            throw new LoginException(LoginStatus.MISSING_PARAMETER, "InitiatorName missing");
        }
        String sessionType = keys.get("SessionType") == null ? "Normal" : keys.get("SessionType");
        if (!sessionType.equals("Normal") && !sessionType.equals("Discovery")) {
            throw new LoginException(LoginStatus.SESSION_TYPE_NOT_SUPPORTED, "SessionType " + sessionType);
        }
        discovery = sessionType.equals("Discovery");
        if (!discovery) {
            target = findTarget(keys.get("TargetName"));
        }
        if (requestTsih != 0) {
            Session existing = registry.byTsih(requestTsih);
            if (existing == null || !existing.initiatorName().equalsIgnoreCase(initiatorName)
                    || !Arrays.equals(existing.isid(), isid)) {
                throw new LoginException(LoginStatus.SESSION_DOES_NOT_EXIST, "no session with TSIH " + requestTsih);
            }
            throw new LoginException(LoginStatus.TOO_MANY_CONNECTIONS,
                    "session " + requestTsih + " already has its one connection (MaxConnections=1)");
        }
        Optional<ChapCredentials> chapCredentials = discovery ? catalog.discoveryChap(initiatorName)
                : target.chapFor(initiatorName);
        credentials = chapCredentials.orElse(null);
        if (credentials != null && csg != STAGE_SECURITY) {
            throw new LoginException(LoginStatus.AUTHENTICATION_FAILURE,
                    "authentication required but the initiator skipped security negotiation");
        }
        if (credentials == null && csg != STAGE_SECURITY) {
            authenticated = true;
        }
        params = new SessionParameters();
        negotiator = new OperationalNegotiator(settings, params, discovery, false);
        if (!discovery) {
            response.put("TargetPortalGroupTag", Integer.toString(
                    ctx.channel().localAddress() instanceof InetSocketAddress local
                            ? target.portalGroupTag(local) : target.portalGroupTag()));
            if (target.alias() != null && !target.alias().isEmpty()) {
                response.put("TargetAlias", target.alias());
            }
        }
        log.debug("{}: login from {} ({}) session type {}", ctx.channel(), Printable.of(initiatorName),
                HexFormat.of().formatHex(isid), sessionType);
    }

    private IscsiTarget findTarget(String targetName) throws LoginException {
        if (targetName == null || targetName.isEmpty()) {
            throw new LoginException(LoginStatus.MISSING_PARAMETER, "TargetName missing in a normal session");
        }
        IscsiTarget t = catalog.find(targetName).orElseThrow(
                () -> new LoginException(LoginStatus.NOT_FOUND, "no target " + targetName));
        if (!servesThisPortal(t)) {
            throw new LoginException(LoginStatus.NOT_FOUND, targetName + " is not served on this portal");
        }
        if (!t.enabled()) {
            // Class 3 (target error): the target exists but is down; initiators retry later.
            throw new LoginException(LoginStatus.SERVICE_UNAVAILABLE, targetName + " is disabled");
        }
        if (!t.admits(initiatorName)) {
            throw new LoginException(LoginStatus.AUTHORIZATION_FAILURE, initiatorName + " may not access "
                    + targetName);
        }
        return t;
    }

    private boolean servesThisPortal(IscsiTarget t) {
        SocketAddress local = ctx.channel().localAddress();
        List<InetSocketAddress> portals = t.portals();
        if (!(local instanceof InetSocketAddress here) || portals == null || portals.isEmpty()) {
            return true;
        }
        for (InetSocketAddress p : portals) {
            boolean addressMatches = p.getAddress() == null || p.getAddress().isAnyLocalAddress()
                    || p.getAddress().equals(here.getAddress());
            if (addressMatches && p.getPort() == here.getPort()) {
                return true;
            }
        }
        return false;
    }

    private void checkDeclarationsUnchanged(TextKeys keys) throws LoginException {
        String name = keys.get("InitiatorName");
        if (name != null && !name.equals(initiatorName)) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "InitiatorName changed during login");
        }
        String type = keys.get("SessionType");
        if (type != null && !type.equals(discovery ? "Discovery" : "Normal")) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "SessionType changed during login");
        }
        String targetName = keys.get("TargetName");
        if (targetName != null && target != null && !targetName.equalsIgnoreCase(target.name())) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "TargetName changed during login");
        }
    }

    /** Security negotiation for one request; returns whether the stage may be left. */
    private boolean security(TextKeys keys, TextKeys response, boolean wantsTransit) throws LoginException {
        String offered = keys.get("AuthMethod");
        if (offered != null) {
            if (authMethod != null) {
                throw new LoginException(LoginStatus.INITIATOR_ERROR, "AuthMethod renegotiated");
            }
            List<String> methods = Arrays.asList(offered.split(","));
            if (credentials != null) {
                if (!methods.contains("CHAP")) {
                    throw new LoginException(LoginStatus.AUTHENTICATION_FAILURE,
                            "CHAP required but the initiator offered " + offered);
                }
                refuseChapWhileBlocked();
                authMethod = "CHAP";
                chap = new ChapAuthenticator(credentials, random);
            } else {
                if (!methods.contains("None")) {
                    throw new LoginException(LoginStatus.AUTHENTICATION_FAILURE,
                            "no authentication configured but the initiator offered only " + offered);
                }
                authMethod = "None";
                authenticated = true;
            }
            response.put("AuthMethod", authMethod);
        }
        if (chap != null) {
            chap.process(keys, response);
            if (chap.done()) {
                authenticated = true;
            }
        } else if (keys.keys().stream().anyMatch(k -> k.startsWith("CHAP_"))) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "CHAP keys without AuthMethod=CHAP");
        }
        if (authMethod == null && credentials == null) {
            authenticated = true;
        }
        if (wantsTransit && credentials != null && authMethod == null) {
            throw new LoginException(LoginStatus.AUTHENTICATION_FAILURE,
                    "the initiator tried to leave security negotiation without authenticating");
        }
        return authenticated;
    }

    /**
     * An address that failed CHAP too often is refused before its response is even looked at: during the block no
     * guess can succeed, so guessing costs minutes per handful of tries instead of a round trip each.
     */
    private void refuseChapWhileBlocked() throws LoginException {
        InetAddress source = sourceAddress();
        long seconds = source == null ? 0 : registry.chapFailures().blockedSeconds(source);
        if (seconds > 0) {
            refusedWhileBlocked = true;
            throw new LoginException(LoginStatus.AUTHENTICATION_FAILURE, "CHAP from " + source.getHostAddress()
                    + " refused for another " + seconds + " s after repeated failures");
        }
    }

    /** Counts a failed CHAP login against its source address and says so in the log (never with a secret). */
    private void noteChapFailure(LoginException e) {
        InetAddress source = sourceAddress();
        log.warn("{}: CHAP authentication failed for initiator {} from {}: {}", ctx.channel(),
                Printable.of(initiatorName), source == null ? "?" : source.getHostAddress(),
                Printable.of(e.getMessage()));
        if (source == null || refusedWhileBlocked) {
            return;
        }
        FailureLimiter.Outcome outcome = registry.chapFailures().failure(source);
        if (outcome.blockedNow()) {
            log.warn("{}: {} failed CHAP logins from {} within a minute: refusing CHAP from it for {} s",
                    ctx.channel(), outcome.recentFailures(), source.getHostAddress(),
                    registry.chapFailures().blockedSeconds(source));
        }
    }

    private InetAddress sourceAddress() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    private Session createSession() throws LoginException {
        Nexus nexus = null;
        if (!discovery) {
            try {
                nexus = ctx.channel().localAddress() instanceof InetSocketAddress local
                        ? target.openNexus(initiatorName, isid.clone(), local)
                        : target.openNexus(initiatorName, isid.clone());
            } catch (RuntimeException e) {
                log.error("{}: opening the SCSI nexus for {} failed", ctx.channel(), target.name(), e);
                throw new LoginException(LoginStatus.TARGET_ERROR, "cannot open SCSI nexus: " + e);
            }
        }
        SessionKey key = discovery ? SessionKey.of(initiatorName, isid, null)
                : SessionKey.of(initiatorName, isid, target.name(), ctx.channel().localAddress()
                        instanceof InetSocketAddress local ? target.portalGroupTag(local) : target.portalGroupTag());
        Session session = new Session(key, registry.allocateTsih(), initiatorName, isid, target, nexus, params,
                ctx.channel());
        if (!registry.registerIfRoom(session)) {
            if (nexus != null) {
                nexus.close();
            }
            throw new LoginException(LoginStatus.OUT_OF_RESOURCES, "session limit of "
                    + registry.admission().limits().maxSessions() + " reached");
        }
        return session;
    }

    private void sendPart() {
        PendingResponse p = pending;
        int max = SessionParameters.DEFAULT_MAX_RECV_DATA_SEGMENT;
        int remaining = p.text.length - p.offset;
        int n = Math.min(max, remaining);
        boolean last = n == remaining;
        boolean transit = last && p.transit;
        int tsih = transit && p.session != null ? p.session.tsih() : requestTsih;
        LoginResponsePdu pdu = new LoginResponsePdu(transit, !last, p.currentStage, transit ? p.nextStage : 0, isid,
                tsih, itt, 0, 0, Unpooled.wrappedBuffer(p.text, p.offset, n));
        p.offset += n;
        send(pdu);
        if (!last) {
            ctx.flush();
            return;
        }
        pending = null;
        if (transit && p.nextStage == STAGE_FULL_FEATURE) {
            enterFullFeaturePhase(p.session);
        }
        ctx.flush();
    }

    private void enterFullFeaturePhase(Session session) {
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        // The final Login Response is already encoded: digests and the new limit apply from the next PDU on.
        PduEncoder encoder = ctx.pipeline().get(PduEncoder.class);
        if (encoder != null) {
            encoder.enableDigests(params.headerDigest(), params.dataDigest());
        }
        IscsiFrameDecoder decoder = ctx.pipeline().get(IscsiFrameDecoder.class);
        if (decoder != null) {
            decoder.enableDigests(params.headerDigest(), params.dataDigest());
            decoder.maxDataSegmentLength(params.targetMaxRecvDataSegmentLength());
        }
        log.info("{}: {} logged in ({}); {}", ctx.channel(), Printable.of(initiatorName), session, params);
        registry.counters().loginSucceeded(discovery);
        ctx.pipeline().replace(this, "session", new FullFeatureHandler(session, settings, registry, catalog, cid,
                statSN, cmdSN));
    }

    private void send(LoginResponsePdu pdu) {
        pdu.stamp(statSN++, cmdSN, cmdSN + Math.max(1, settings.queueDepth()) - 1);
        ctx.write(pdu, ctx.voidPromise());
    }

    private void fail(int tag, LoginException e) {
        finished = true;
        registry.counters().loginFailed(e.status(), chap != null);
        // Only a CHAP exchange can guess a secret: an initiator that merely did not offer CHAP is not counted.
        if (e.status() == LoginStatus.AUTHENTICATION_FAILURE && (chap != null || refusedWhileBlocked)) {
            noteChapFailure(e);
        } else if (e.status() == LoginStatus.TARGET_ERROR) {
            log.error("{}: login failed: {}", ctx.channel(), Printable.of(e.getMessage()));
        } else {
            log.info("{}: login rejected (0x{}): {}", ctx.channel(), String.format("%04x", e.status()),
                    Printable.of(e.getMessage()));
        }
        LoginResponsePdu pdu = new LoginResponsePdu(false, false, stage, 0, isid, requestTsih, tag, e.statusClass(),
                e.statusDetail(), null);
        send(pdu);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** A session registered for a final response that never fully went out must not outlive its connection. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null && pending.session != null) {
            pending.session.terminate();
            registry.remove(pending.session);
            pending = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("{}: error during login, closing: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
