package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.pdu.DataInPdu;
import io.blockhouse.iscsi.pdu.ScsiResponsePdu;
import io.blockhouse.scsi.ScsiResult;
import io.blockhouse.scsi.ScsiStatus;
import io.netty.buffer.ByteBuf;

/**
 * Turns a {@link ScsiResult} into Data-In PDUs and/or a SCSI Response (RFC 7143 sections 11.4 and 11.7): Data-In
 * segments no longer than the initiator's MaxRecvDataSegmentLength, sequences no longer than MaxBurstLength, DataSN
 * counting from 0, and phase collapse (status in the last Data-In) when the status is GOOD without sense.
 */
final class ResultSender {
    private final Connection conn;

    ResultSender(Connection conn) {
        this.conn = conn;
    }

    /** Sends the result; takes ownership of its dataIn. */
    void send(ScsiTask task, ScsiResult result) {
        ByteBuf dataIn = result.dataIn();
        int dataLength = dataIn == null ? 0 : dataIn.readableBytes();
        Residual residual = Residual.of(task.expectedLength,
                Residual.actualLength(task.read, dataLength, result.transferLength()));
        boolean hasSense = result.sense() != null && result.sense().length > 0;
        int dataSN = 0;
        try {
            if (task.read && dataLength > 0 && task.expectedLength > 0) {
                boolean collapse = result.status() == ScsiStatus.GOOD && !hasSense;
                dataSN = sendDataIn(task, dataIn, Math.min(dataLength, task.expectedLength), collapse, residual,
                        result.status());
                if (collapse) {
                    return;
                }
            }
        } finally {
            if (dataIn != null) {
                dataIn.release();
            }
        }
        int expDataSN = task.read ? dataSN : (task.transfer == null ? 0 : task.transfer.r2tCount());
        conn.send(new ScsiResponsePdu(task.itt, ScsiResponsePdu.RESPONSE_COMPLETED, result.status(), residual.flags(),
                residual.count(), expDataSN, senseSegment(hasSense ? result.sense() : null)));
    }

    /** A status-only response (no data), for tasks the transport fails itself. */
    void sendStatus(ScsiTask task, int status, byte[] sense) {
        conn.send(new ScsiResponsePdu(task.itt, ScsiResponsePdu.RESPONSE_COMPLETED, status, 0, 0,
                task.transfer == null ? 0 : task.transfer.r2tCount(), senseSegment(sense)));
    }

    private int sendDataIn(ScsiTask task, ByteBuf dataIn, int length, boolean collapse, Residual residual,
                           int status) {
        int maxSegment = conn.params.initiatorMaxRecvDataSegmentLength();
        int maxBurst = conn.params.maxBurstLength();
        int dataSN = 0;
        int offset = 0;
        int burstUsed = 0;
        while (offset < length) {
            int n = Math.min(Math.min(maxSegment, length - offset), maxBurst - burstUsed);
            boolean last = offset + n == length;
            burstUsed += n;
            boolean burstEnd = last || burstUsed == maxBurst;
            if (burstEnd) {
                burstUsed = 0;
            }
            int flags = burstEnd ? DataInPdu.FLAG_FINAL : 0;
            if (last && collapse) {
                flags |= DataInPdu.FLAG_STATUS | residual.flags();
            }
            ByteBuf slice = dataIn.retainedSlice(dataIn.readerIndex() + offset, n);
            conn.send(new DataInPdu(flags, status, task.lun, task.itt, dataSN++, offset, residual.count(), slice));
            offset += n;
        }
        return dataSN;
    }

    private ByteBuf senseSegment(byte[] sense) {
        if (sense == null || sense.length == 0) {
            return null;
        }
        ByteBuf segment = conn.ctx.alloc().buffer(2 + sense.length);
        segment.writeShort(sense.length);
        segment.writeBytes(sense);
        return segment;
    }
}
