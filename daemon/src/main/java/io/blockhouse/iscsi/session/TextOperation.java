package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.login.LoginException;
import io.blockhouse.iscsi.login.OperationalNegotiator;
import io.blockhouse.iscsi.login.TextFormatException;
import io.blockhouse.iscsi.login.TextKeys;
import io.blockhouse.iscsi.pdu.Bhs;
import io.blockhouse.iscsi.pdu.RejectPdu;
import io.blockhouse.iscsi.pdu.TextRequestPdu;
import io.blockhouse.iscsi.pdu.TextResponsePdu;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Text Requests in full feature phase (RFC 7143 sections 11.10-11.11): SendTargets and the few keys that may change
 * after login. Long requests arrive in several PDUs with the C bit (we answer each with an empty response), long
 * answers leave in several responses with the C bit, each fetched by an empty request echoing our TTT.
 */
final class TextOperation {
    /** Refuse to buffer more request text than this across continuations. */
    private static final int MAX_REQUEST_TEXT = 65536;

    private final Connection conn;
    private ByteArrayOutputStream pendingRequest;
    private int pendingRequestItt;
    private byte[] pendingResponse;
    private int pendingResponseOffset;
    private int pendingResponseItt;
    private int pendingResponseTtt = Bhs.NO_TAG;

    TextOperation(Connection conn) {
        this.conn = conn;
    }

    /** Takes ownership of {@code pdu}. */
    void handle(TextRequestPdu pdu) {
        byte[] header = pdu.headerCopy();
        byte[] text = new byte[pdu.data().readableBytes()];
        pdu.data().getBytes(pdu.data().readerIndex(), text);
        int itt = pdu.initiatorTaskTag();
        int ttt = pdu.targetTransferTag();
        boolean continues = pdu.continues();
        long lun = pdu.lun();
        boolean immediate = pdu.immediate();
        int cmdSN = pdu.cmdSN();
        pdu.release();
        conn.order(immediate, cmdSN, new OrderedCommand() {
            @Override
            public void deliver() {
                process(header, itt, ttt, continues, lun, text);
            }

            @Override
            public void discard() {
            }
        });
    }

    private void process(byte[] header, int itt, int ttt, boolean continues, long lun, byte[] text) {
        if (ttt != Bhs.NO_TAG && ttt == pendingResponseTtt && itt == pendingResponseItt) {
            sendNextResponsePart(itt, lun);
            return;
        }
        pendingResponse = null;
        pendingResponseTtt = Bhs.NO_TAG;
        if (pendingRequest == null || pendingRequestItt != itt) {
            pendingRequest = new ByteArrayOutputStream();
            pendingRequestItt = itt;
        }
        if (pendingRequest.size() + text.length > MAX_REQUEST_TEXT) {
            pendingRequest = null;
            conn.reject(RejectPdu.PROTOCOL_ERROR, header, "text request too long");
            return;
        }
        pendingRequest.writeBytes(text);
        if (continues) {
            conn.send(new TextResponsePdu(false, false, itt, conn.nextTtt(), lun, null));
            return;
        }
        byte[] whole = pendingRequest.toByteArray();
        pendingRequest = null;
        byte[] answer;
        try {
            answer = answer(TextKeys.parse(whole));
        } catch (TextFormatException e) {
            conn.reject(RejectPdu.PROTOCOL_ERROR, header, e.getMessage());
            return;
        }
        pendingResponse = answer;
        pendingResponseOffset = 0;
        pendingResponseItt = itt;
        sendNextResponsePart(itt, lun);
    }

    private byte[] answer(TextKeys request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TextKeys negotiated = new TextKeys();
        OperationalNegotiator negotiator = new OperationalNegotiator(conn.settings, conn.params,
                conn.session.discovery(), true);
        for (Map.Entry<String, String> e : request.asMap().entrySet()) {
            if (e.getKey().equals("SendTargets")) {
                out.writeBytes(SendTargets.answer(e.getValue(), conn.catalog, conn.session.initiatorName(),
                        conn.localAddress(), conn.session.target()));
            } else {
                try {
                    negotiator.negotiate(e.getKey(), e.getValue(), negotiated);
                } catch (LoginException impossibleInFullFeaturePhase) {
                    negotiated.put(e.getKey(), OperationalNegotiator.REJECT);
                }
            }
        }
        out.writeBytes(negotiated.toBytes());
        return out.toByteArray();
    }

    private void sendNextResponsePart(int itt, long lun) {
        byte[] text = pendingResponse;
        int max = conn.params.initiatorMaxRecvDataSegmentLength();
        int remaining = text.length - pendingResponseOffset;
        int n = Math.min(max, remaining);
        boolean last = n == remaining;
        int ttt = last ? Bhs.NO_TAG : conn.nextTtt();
        conn.send(new TextResponsePdu(last, !last, itt, ttt, lun,
                Unpooled.wrappedBuffer(text, pendingResponseOffset, n)));
        pendingResponseOffset += n;
        pendingResponseTtt = ttt;
        if (last) {
            pendingResponse = null;
            pendingResponseTtt = Bhs.NO_TAG;
        }
    }
}
