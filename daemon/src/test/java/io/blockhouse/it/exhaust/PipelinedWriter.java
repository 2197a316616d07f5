package io.blockhouse.it.exhaust;

import io.blockhouse.it.initiator.Cdbs;
import io.blockhouse.it.initiator.IscsiConnection;
import io.blockhouse.it.initiator.IscsiProtocolException;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.NegotiatedParameters;
import io.blockhouse.it.initiator.Opcodes;
import io.blockhouse.it.initiator.Pdu;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps up to {@code depth} WRITE (10) commands in flight on one logged-in session, the way a real initiator at full
 * queue depth does: immediate data and unsolicited Data-Out as negotiated, Data-Out for every R2T, the command window
 * honoured. A command answered TASK SET FULL or BUSY is sent again later (as SAM-5 expects of an initiator); any
 * other status, a Reject or a protocol violation fails the run.
 *
 * <p>Takes over the session's sequence numbers: after {@link #run} use the session only to close it.
 */
final class PipelinedWriter {
    /** One write: {@code data.length} is a whole number of blocks. */
    record Write(long lba, byte[] data) {
    }

    /** What one run saw. */
    record Outcome(int good, int taskSetFull, int busy) {
    }

    private static final int SIMPLE_TASK = 1;

    private final IscsiSession session;
    private final IscsiConnection connection;
    private final NegotiatedParameters params;
    private final int lun;
    private final int blockSize;
    private int cmdSn;
    private long expStatSn;
    private int maxCmdSn;

    PipelinedWriter(IscsiSession session, int lun, int blockSize) {
        this.session = session;
        this.connection = session.connection();
        this.params = session.parameters();
        this.lun = lun;
        this.blockSize = blockSize;
        this.cmdSn = session.cmdSn();
        this.expStatSn = session.expStatSn() & 0xffffffffL;
        this.maxCmdSn = session.maxCmdSn();
    }

    Outcome run(List<Write> writes, int depth) throws IOException {
        Deque<Write> pending = new ArrayDeque<>(writes);
        Map<Integer, Write> inFlight = new HashMap<>();
        int good = 0;
        int taskSetFull = 0;
        int busy = 0;
        while (!pending.isEmpty() || !inFlight.isEmpty()) {
            while (inFlight.size() < depth && !pending.isEmpty() && cmdSn - maxCmdSn <= 0) {
                Write w = pending.poll();
                inFlight.put(send(w), w);
            }
            Pdu pdu = connection.receive();
            noteWindow(pdu);
            switch (pdu.opcode()) {
                case Opcodes.R2T -> {
                    Write w = inFlight.get(pdu.initiatorTaskTag());
                    if (w == null) {
                        throw new IscsiProtocolException("R2T for no write in flight: " + pdu);
                    }
                    session.sendDataOut(lun, pdu.initiatorTaskTag(), pdu.intAt(20), w.data(), (int) pdu.uintAt(40),
                            (int) pdu.uintAt(44));
                }
                case Opcodes.SCSI_RESPONSE -> {
                    expStatSn = (pdu.uintAt(24) + 1) & 0xffffffffL;
                    Write w = inFlight.remove(pdu.initiatorTaskTag());
                    if (w == null) {
                        throw new IscsiProtocolException("response for no write in flight: " + pdu);
                    }
                    int status = pdu.byteAt(3);
                    if (pdu.byteAt(2) != 0) {
                        throw new IscsiProtocolException("iSCSI response " + pdu.byteAt(2) + " for LBA " + w.lba());
                    }
                    switch (status) {
                        case 0x00 -> good++;
                        case 0x28 -> {
                            taskSetFull++;
                            pending.add(w);
                        }
                        case 0x08 -> {
                            busy++;
                            pending.add(w);
                        }
                        default -> throw new IscsiProtocolException("status 0x" + Integer.toHexString(status)
                                + " for the write at LBA " + w.lba());
                    }
                }
                case Opcodes.NOP_IN -> session.answerPing(pdu);
                case Opcodes.ASYNC_MESSAGE -> {
                    // nothing asked of us mid-run
                }
                default -> throw new IscsiProtocolException("unexpected PDU during the write storm: " + pdu);
            }
        }
        return new Outcome(good, taskSetFull, busy);
    }

    private int send(Write w) throws IOException {
        byte[] out = w.data();
        int immediate = params.immediateData()
                ? Math.min(out.length, Math.min(params.firstBurstLength(), params.maxSendDataSegment())) : 0;
        int unsolicitedEnd = params.initialR2T() ? immediate : Math.min(out.length, params.firstBurstLength());
        boolean moreUnsolicited = unsolicitedEnd > immediate;
        int itt = session.newTaskTag();
        byte[] cdb = Arrays.copyOf(Cdbs.write10(w.lba(), out.length / blockSize, false), 16);
        Pdu command = Pdu.of(Opcodes.SCSI_COMMAND, false).flags((moreUnsolicited ? 0 : 0x80) | 0x20 | SIMPLE_TASK)
                .lun(lun).initiatorTaskTag(itt).intAt(20, out.length).intAt(24, cmdSn++)
                .intAt(28, (int) expStatSn).bytesAt(32, cdb);
        command.data(Arrays.copyOfRange(out, 0, immediate));
        connection.send(command);
        if (moreUnsolicited) {
            session.sendDataOut(lun, itt, Opcodes.RESERVED_TAG, out, immediate, unsolicitedEnd - immediate);
        }
        return itt;
    }


    private void noteWindow(Pdu pdu) {
        int op = pdu.opcode();
        if (op == Opcodes.SCSI_RESPONSE || op == Opcodes.R2T || op == Opcodes.NOP_IN || op == Opcodes.DATA_IN) {
            int newMax = pdu.intAt(32);
            if (newMax - maxCmdSn > 0) {
                maxCmdSn = newMax;
            }
        }
    }

}
