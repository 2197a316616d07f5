package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.TargetCatalog;
import io.blockhouse.iscsi.login.SessionParameters;
import io.blockhouse.iscsi.pdu.AsyncMessagePdu;
import io.blockhouse.iscsi.pdu.Bhs;
import io.blockhouse.iscsi.pdu.IscsiPdu;
import io.blockhouse.iscsi.pdu.RejectPdu;
import io.blockhouse.iscsi.pdu.TargetPdu;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-feature state of one connection (= one session, MaxConnections is 1): StatSN, the command window, the
 * task table and TTT allocation, plus the send path that stamps sequence numbers. Shared by the per-operation classes;
 * everything here runs on the channel's event loop.
 */
public final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final int RECENTLY_ABORTED_KEPT = 64;

    final ChannelHandlerContext ctx;
    final Session session;
    final SessionParameters params;
    final IscsiSettings settings;
    final SessionRegistry registry;
    final TargetCatalog catalog;
    final int cid;
    final CommandWindow window;
    final BufferAdmission buffers;
    final TaskTable tasks = new TaskTable();
    private final LinkedHashSet<Integer> recentlyAborted = new LinkedHashSet<>();
    private int statSN;
    private int inFlight;
    private int nextTtt = 1;
    private boolean closed;
    private boolean draining;
    private Runnable whenIdle;
    private boolean reading;
    private boolean flushScheduled;
    private final Runnable scheduledFlush = () -> {
        if (flushScheduled) {
            flush();
        }
    };

    Connection(ChannelHandlerContext ctx, Session session, IscsiSettings settings, SessionRegistry registry,
               TargetCatalog catalog, int cid, int statSN, int expCmdSN) {
        this.ctx = ctx;
        this.session = session;
        this.params = session.parameters();
        this.settings = settings;
        this.registry = registry;
        this.catalog = catalog;
        this.cid = cid;
        this.statSN = statSN;
        this.window = new CommandWindow(expCmdSN, settings.queueDepth());
        this.buffers = new BufferAdmission(this, registry.admission().writeBudget());
    }

    /**
     * Queues a PDU for writing after stamping StatSN / ExpCmdSN / MaxCmdSN. Ownership of the PDU passes to the
     * pipeline (or it is released here if the channel is gone).
     */
    void send(TargetPdu pdu) {
        if (closed || !ctx.channel().isActive()) {
            pdu.release();
            return;
        }
        window.update(inFlight);
        pdu.stamp(statSN, window.expCmdSN(), window.maxCmdSN());
        if (pdu.consumesStatSN()) {
            statSN++;
        }
        ctx.write(pdu, ctx.voidPromise());
    }

    void flush() {
        flushScheduled = false;
        ctx.flush();
    }

    /**
     * Flushes what was sent, once for everything sent in the same pass of the event loop: during a read burst the
     * handler's channelReadComplete flushes; otherwise (completions coming back from I/O threads) one flush task is
     * queued behind the completions already waiting, so a burst of them ends in one writev instead of one each.
     */
    void flushSoon() {
        if (reading || flushScheduled) {
            return;
        }
        flushScheduled = true;
        ctx.executor().execute(scheduledFlush);
    }

    /** The handler is between channelRead and channelReadComplete: a flush will follow anyway. */
    void readBurst(boolean inBurst) {
        reading = inBurst;
    }

    /** Sends a Reject carrying the offending PDU's header. Does not release {@code rejected}. */
    void reject(int reason, IscsiPdu rejected, String why) {
        reject(reason, rejected.headerCopy(), why);
    }

    /** Sends a Reject quoting {@code header} (the rejected PDU's BHS). */
    void reject(int reason, byte[] header, String why) {
        log.debug("{}: Reject reason 0x{} for opcode 0x{}: {}", session, Integer.toHexString(reason),
                Integer.toHexString(header[0] & 0x3f), why);
        registry.counters().rejected(reason);
        send(new RejectPdu(reason, header));
    }

    /**
     * Runs a command in CmdSN order: immediately for immediate PDUs, else through the window. Commands outside the
     * window are dropped silently (RFC 7143 section 4.2.2.1) and discarded.
     */
    void order(boolean immediate, int cmdSN, OrderedCommand command) {
        if (immediate) {
            command.deliver();
            return;
        }
        if (!window.arrive(cmdSN, command)) {
            log.debug("{}: dropping CmdSN {} outside window [{}, {}]", session, cmdSN & 0xffffffffL,
                    window.expCmdSN() & 0xffffffffL, window.maxCmdSN() & 0xffffffffL);
            command.discard();
        }
    }

    int nextTtt() {
        int ttt = nextTtt++;
        if (nextTtt == Bhs.NO_TAG || nextTtt == 0) {
            nextTtt = 1;
        }
        return ttt;
    }

    void taskStarted() {
        inFlight++;
    }

    /** Removes a task from the table once it is answered or dropped, then runs any idle action (logout). */
    void taskFinished(ScsiTask task) {
        retire(task);
        runIfIdle();
    }

    /**
     * Removes a task from the table and frees its queue slot, so the response about to be sent already advertises
     * the larger MaxCmdSN. Callers send the response next and then call {@link #runIfIdle()}.
     */
    void retire(ScsiTask task) {
        BufferAdmission.released(task);
        if (tasks.get(task.itt) == task) {
            tasks.remove(task.itt);
            if (task.ordered) {
                inFlight--;
            }
        }
        window.update(inFlight);
    }

    int inFlight() {
        return inFlight;
    }

    /** Drops a task that has not been handed to the nexus (ABORT TASK and friends, logout). */
    void dropUnsubmitted(ScsiTask task) {
        task.aborted = true;
        task.releaseData();
        rememberAborted(task.itt);
        taskFinished(task);
    }

    void rememberAborted(int itt) {
        recentlyAborted.add(itt);
        if (recentlyAborted.size() > RECENTLY_ABORTED_KEPT) {
            Integer oldest = recentlyAborted.iterator().next();
            recentlyAborted.remove(oldest);
        }
    }

    boolean recentlyAborted(int itt) {
        return recentlyAborted.contains(itt);
    }

    /** Runs {@code action} on this connection's event loop; if the loop is gone, runs {@code orElse} here. */
    void onEventLoop(Runnable action, Runnable orElse) {
        try {
            ctx.executor().execute(action);
        } catch (RejectedExecutionException e) {
            orElse.run();
        }
    }

    /** Runs {@code action} once no task is active (immediately if none is). Used by logout and shutdown. */
    void whenIdle(Runnable action) {
        whenIdle = action;
        runIfIdle();
    }

    void runIfIdle() {
        if (whenIdle != null && tasks.isEmpty()) {
            Runnable r = whenIdle;
            whenIdle = null;
            r.run();
        }
    }

    boolean closed() {
        return closed;
    }

    /**
     * Server shutdown: ask the initiator to log out (Async Message, event 1) and refuse new commands with Reject
     * "waiting for logout"; in-flight commands finish and answer.
     */
    public void drain(int secondsToLogout) {
        if (draining || closed) {
            return;
        }
        draining = true;
        if (!session.discovery()) {
            send(new AsyncMessagePdu(AsyncMessagePdu.EVENT_LOGOUT_REQUEST, 0, 0, secondsToLogout));
            flush();
        }
    }

    boolean draining() {
        return draining;
    }

    public boolean idle() {
        return tasks.isEmpty();
    }

    /** Flushes what is queued and closes the connection once written. */
    void closeAfterFlush() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    InetSocketAddress localAddress() {
        SocketAddress a = ctx.channel().localAddress();
        return a instanceof InetSocketAddress inet ? inet : null;
    }

    /** Takes the session out of the registry (logout); teardown removing it again does nothing. */
    void unregisterSession() {
        registry.remove(session);
    }

    /** Releases everything held for the connection; called once when the channel goes inactive. */
    void cleanup() {
        if (closed) {
            return;
        }
        closed = true;
        window.discardAll();
        List<ScsiTask> remaining = tasks.values();
        tasks.clear();
        for (ScsiTask t : remaining) {
            t.aborted = true;
            t.releaseData();
            BufferAdmission.released(t);
        }
        session.terminate();
        registry.remove(session);
    }
}
