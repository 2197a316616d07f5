package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.TargetCatalog;
import io.blockhouse.iscsi.pdu.DataOutPdu;
import io.blockhouse.iscsi.pdu.IscsiPdu;
import io.blockhouse.iscsi.pdu.LogoutRequestPdu;
import io.blockhouse.iscsi.pdu.NopOutPdu;
import io.blockhouse.iscsi.pdu.Opcode;
import io.blockhouse.iscsi.pdu.PduDefect;
import io.blockhouse.iscsi.pdu.RejectPdu;
import io.blockhouse.iscsi.pdu.ScsiCommandPdu;
import io.blockhouse.iscsi.pdu.TaskManagementRequestPdu;
import io.blockhouse.iscsi.pdu.TextRequestPdu;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's pipeline stage in full feature phase: a small dispatcher from PDU type to the class handling that
 * operation. Installed by the login stage in its place once the final Login Response is written.
 */
public final class FullFeatureHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(FullFeatureHandler.class);

    private final Session session;
    private final IscsiSettings settings;
    private final SessionRegistry registry;
    private final TargetCatalog catalog;
    private final int cid;
    private final int statSN;
    private final int expCmdSN;

    private Connection conn;
    private KeepAlive keepAlive;
    private ScsiCommandOperation scsiCommands;
    private DataOutOperation dataOut;
    private NopOperation nop;
    private TaskManagementOperation taskManagement;
    private TextOperation text;
    private LogoutOperation logout;

    /**
     * @param statSN   the next StatSN (after the final Login Response)
     * @param expCmdSN the session's ExpCmdSN at the end of login
     */
    public FullFeatureHandler(Session session, IscsiSettings settings, SessionRegistry registry,
                              TargetCatalog catalog, int cid, int statSN, int expCmdSN) {
        this.session = session;
        this.settings = settings;
        this.registry = registry;
        this.catalog = catalog;
        this.cid = cid;
        this.statSN = statSN;
        this.expCmdSN = expCmdSN;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        conn = new Connection(ctx, session, settings, registry, catalog, cid, statSN, expCmdSN);
        keepAlive = new KeepAlive(conn, session.discovery() ? 0 : settings.nopInIntervalSeconds(),
                settings.nopInTimeoutSeconds());
        scsiCommands = new ScsiCommandOperation(conn);
        dataOut = new DataOutOperation(conn, scsiCommands);
        nop = new NopOperation(conn, keepAlive);
        taskManagement = new TaskManagementOperation(conn);
        text = new TextOperation(conn);
        logout = new LogoutOperation(conn);
        keepAlive.start();
        if (!ctx.channel().isActive()) {
            cleanup();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cleanup();
    }

    /** The connection state, for the server's graceful shutdown. */
    public Connection connection() {
        return conn;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof IscsiPdu pdu)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        keepAlive.onRead();
        conn.readBurst(true);
        try {
            dispatch(pdu);
        } catch (RuntimeException e) {
            log.error("{}: failure handling {}; closing the connection", session, pdu, e);
            if (pdu.refCnt() > 0) {
                pdu.release();
            }
            ctx.close();
        }
    }

    private void dispatch(IscsiPdu pdu) {
        if (conn.closed()) {
            pdu.release();
            return;
        }
        PduDefect defect = pdu.defect();
        if (defect == PduDefect.OVERSIZED_SEGMENT || defect == PduDefect.MALFORMED) {
            conn.reject(RejectPdu.PROTOCOL_ERROR, pdu, defect.toString());
            pdu.release();
            return;
        }
        if (defect == PduDefect.DATA_DIGEST_ERROR && !(pdu instanceof DataOutPdu)
                && !(pdu instanceof ScsiCommandPdu)) {
            // A non-data PDU with a bad payload is discarded; the initiator's timers take it from there (7.8).
            conn.reject(RejectPdu.DATA_DIGEST_ERROR, pdu, "data digest error");
            pdu.release();
            return;
        }
        if (session.discovery() && !(pdu instanceof TextRequestPdu) && !(pdu instanceof LogoutRequestPdu)) {
            conn.reject(RejectPdu.PROTOCOL_ERROR, pdu, "only Text and Logout are allowed in a discovery session");
            pdu.release();
            return;
        }
        if (logout.loggingOut() && !(pdu instanceof DataOutPdu)) {
            log.debug("{}: ignoring {} after Logout", session, pdu);
            pdu.release();
            return;
        }
        if (pdu instanceof ScsiCommandPdu p) {
            scsiCommands.handle(p);
        } else if (pdu instanceof DataOutPdu p) {
            dataOut.handle(p);
        } else if (pdu instanceof NopOutPdu p) {
            nop.handle(p);
        } else if (pdu instanceof TaskManagementRequestPdu p) {
            taskManagement.handle(p);
        } else if (pdu instanceof TextRequestPdu p) {
            text.handle(p);
        } else if (pdu instanceof LogoutRequestPdu p) {
            logout.handle(p);
        } else {
            rejectUnsupported(pdu);
        }
    }

    private void rejectUnsupported(IscsiPdu pdu) {
        int opcode = pdu.opcode();
        boolean initiatorOpcode = opcode == Opcode.SNACK_REQUEST
                || opcode == Opcode.LOGIN_REQUEST;
        // SNACK needs ErrorRecoveryLevel > 0 and Login is only valid during login: both are protocol errors here.
        conn.reject(initiatorOpcode ? RejectPdu.PROTOCOL_ERROR : RejectPdu.COMMAND_NOT_SUPPORTED, pdu,
                "opcode 0x" + Integer.toHexString(opcode) + " in full feature phase");
        pdu.release();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (conn != null) {
            conn.readBurst(false);
            conn.flush();
        } else {
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * Backpressure towards the initiator: while our outbound buffer is above its high-water mark (the initiator is
     * not reading Data-In / responses fast enough) we stop reading new PDUs, so no new work queues more output.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        log.info("{}: connection closed", session);
        cleanup();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("{}: connection error, closing: {}", session, cause.toString());
        ctx.close();
    }

    private void cleanup() {
        if (conn != null) {
            keepAlive.stop();
            conn.cleanup();
        }
    }
}
