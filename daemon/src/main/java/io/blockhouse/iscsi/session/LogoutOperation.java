package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.pdu.LogoutRequestPdu;
import io.blockhouse.iscsi.pdu.LogoutResponsePdu;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logout Requests (RFC 7143 sections 11.14-11.15). Closing the session or this connection (the same thing with one
 * connection per session): tasks still waiting for Data-Out are dropped, running ones finish and answer, then the
 * Logout Response goes out and the connection closes once it is written. Connection recovery (reason 2) needs ERL 2.
 */
final class LogoutOperation {
    private static final Logger log = LoggerFactory.getLogger(LogoutOperation.class);

    private final Connection conn;
    private boolean loggingOut;

    LogoutOperation(Connection conn) {
        this.conn = conn;
    }

    boolean loggingOut() {
        return loggingOut;
    }

    /** Takes ownership of {@code pdu}. */
    void handle(LogoutRequestPdu pdu) {
        int itt = pdu.initiatorTaskTag();
        int reason = pdu.reasonCode();
        int cid = pdu.cid();
        boolean immediate = pdu.immediate();
        int cmdSN = pdu.cmdSN();
        pdu.release();
        conn.order(immediate, cmdSN, new OrderedCommand() {
            @Override
            public void deliver() {
                perform(itt, reason, cid);
            }

            @Override
            public void discard() {
            }
        });
    }

    private void perform(int itt, int reason, int cid) {
        if (reason == LogoutRequestPdu.REMOVE_CONNECTION_FOR_RECOVERY) {
            conn.send(new LogoutResponsePdu(itt, LogoutResponsePdu.RECOVERY_NOT_SUPPORTED, 0, 0));
            return;
        }
        if (reason == LogoutRequestPdu.CLOSE_CONNECTION && cid != conn.cid) {
            conn.send(new LogoutResponsePdu(itt, LogoutResponsePdu.CID_NOT_FOUND, 0, 0));
            return;
        }
        if (reason != LogoutRequestPdu.CLOSE_SESSION && reason != LogoutRequestPdu.CLOSE_CONNECTION) {
            conn.send(new LogoutResponsePdu(itt, LogoutResponsePdu.CLEANUP_FAILED, 0, 0));
            return;
        }
        loggingOut = true;
        log.info("{}: logout (reason {})", conn.session, reason);
        List<ScsiTask> waitingForData = new ArrayList<>();
        for (ScsiTask t : conn.tasks.values()) {
            if (!t.submitted) {
                waitingForData.add(t);
            }
        }
        waitingForData.forEach(conn::dropUnsubmitted);
        conn.whenIdle(() -> {
            // The I_T nexus ends before the initiator hears "closed": a RESERVE (6) it held is released by then, so
            // another initiator that waited for this logout finds the unit free (one connection per session, so
            // closing the connection closes the session). Closing the nexus again at teardown does nothing.
            if (conn.session.nexus() != null) {
                conn.session.nexus().close();
            }
            // Likewise the session no longer counts against iscsi.maxSessions once the initiator hears "closed": it
            // may log in again at once, before this connection's teardown has run.
            conn.unregisterSession();
            conn.send(new LogoutResponsePdu(itt, LogoutResponsePdu.CLOSED, 0, 0));
            conn.closeAfterFlush();
        });
    }
}
