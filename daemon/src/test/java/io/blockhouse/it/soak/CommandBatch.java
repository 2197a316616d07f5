package io.blockhouse.it.soak;

import io.blockhouse.it.crash.BlockPattern;
import io.blockhouse.it.initiator.Cdbs;
import io.blockhouse.it.initiator.IscsiProtocolException;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.Opcodes;
import io.blockhouse.it.initiator.Pdu;
import io.blockhouse.it.initiator.ScsiOutcome;
import io.blockhouse.it.initiator.TargetRejectedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several READ (10) / WRITE (10) commands in flight on one session at once, optionally followed by a task management
 * request, and the bookkeeping of how each ended: with a status (and, for reads, its data) or aborted. The rules are
 * RFC 7143 section 11.5 with SAM-5 task management: answers that arrived before the Task Management Response belong
 * to tasks that completed; a task the function aborted never gets an answer, before or after it.
 */
final class CommandBatch {

    /** Task management function codes (RFC 7143 section 11.5.1). */
    static final int ABORT_TASK = 1;
    static final int ABORT_TASK_SET = 2;
    static final int LOGICAL_UNIT_RESET = 5;
    static final int FUNCTION_COMPLETE = 0;
    static final int TASK_DOES_NOT_EXIST = 1;

    /** One command of the batch; {@code data} is the Data-Out of a write or the Data-In buffer of a read. */
    static final class Command {
        final int lun;
        final long lba;
        final int blocks;
        final boolean write;
        final long[] generations;
        final byte[] data;
        int itt;
        int cmdSn;
        boolean ended;
        boolean aborted;
        int status = -1;
        byte[] sense = new byte[0];
        int received;

        private Command(int lun, long lba, int blocks, boolean write, long[] generations, byte[] data) {
            this.lun = lun;
            this.lba = lba;
            this.blocks = blocks;
            this.write = write;
            this.generations = generations;
            this.data = data;
        }

        int senseKey() {
            return new ScsiOutcome(0, status, sense, new byte[0], 0, false, false).senseKey();
        }

        @Override
        public String toString() {
            return (write ? "WRITE" : "READ") + "(lun " + lun + ", lba " + lba + ", " + blocks + " blocks, itt 0x"
                    + Integer.toHexString(itt) + ")";
        }
    }

    private final List<Command> commands = new ArrayList<>();
    private final Map<Integer, Command> byTag = new HashMap<>();
    /** What happened to this batch so far, for error messages. */
    private final StringBuilder trace = new StringBuilder();

    static Command read(int lun, long lba, int blocks) {
        return new Command(lun, lba, blocks, false, null, new byte[blocks * BlockPattern.BLOCK]);
    }

    static Command write(int lun, long lba, int blocks, BlockLedger ledger) {
        long[] generations = new long[blocks];
        return new Command(lun, lba, blocks, true, generations, ledger.newWrite(lba, blocks, generations));
    }

    CommandBatch add(Command command) {
        commands.add(command);
        return this;
    }

    List<Command> commands() {
        return commands;
    }

    /** Sends every command without waiting. */
    void send(IscsiSession session) throws IOException {
        for (Command c : commands) {
            c.cmdSn = session.cmdSn();
            byte[] cdb = c.write ? Cdbs.write10(c.lba, c.blocks, false) : Cdbs.read10(c.lba, c.blocks);
            c.itt = session.sendCommand(c.lun, cdb, c.write ? c.data : null, c.write ? 0 : c.data.length);
            byTag.put(c.itt, c);
            trace.append("sent ").append(c).append(" CmdSN ").append(c.cmdSn).append("; ");
        }
    }

    /** Waits until every command has ended with a status. */
    void collect(IscsiSession session) throws IOException {
        while (commands.stream().anyMatch(c -> !c.ended)) {
            Pdu pdu = session.receiveTracked();
            if (pdu.opcode() == Opcodes.TASK_MANAGEMENT_RESPONSE) {
                throw new IscsiProtocolException("unexpected Task Management Response: " + pdu);
            }
            accept(pdu);
        }
    }

    /**
     * Sends {@code function} (for ABORT TASK against {@code referenced}) while the commands are in flight, waits for
     * its answer and for every command it did not abort.
     *
     * @return the Task Management Response code
     */
    int abort(IscsiSession session, int function, int lun, Command referenced) throws IOException {
        trace.append("TMF ").append(function).append(function == ABORT_TASK ? " of " + referenced : "")
                .append(" sent; ");
        int tmfTag = function == ABORT_TASK
                ? session.sendTaskManagement(function, lun, referenced.itt, referenced.cmdSn)
                : session.sendTaskManagement(function, lun, Opcodes.RESERVED_TAG, 0);
        int response;
        while (true) {
            Pdu pdu = session.receiveTracked();
            if (pdu.opcode() == Opcodes.TASK_MANAGEMENT_RESPONSE) {
                if (pdu.initiatorTaskTag() != tmfTag) {
                    throw new IscsiProtocolException("Task Management Response for ITT 0x"
                            + Integer.toHexString(pdu.initiatorTaskTag()) + ", expected 0x"
                            + Integer.toHexString(tmfTag));
                }
                response = pdu.byteAt(2);
                trace.append("TMF ").append(function).append(" answered ").append(response).append("; ");
                break;
            }
            accept(pdu);
        }
        for (Command c : commands) {
            if (c.ended) {
                continue;
            }
            boolean affected = function == ABORT_TASK ? c == referenced : c.lun == lun;
            if (affected && response == FUNCTION_COMPLETE) {
                trace.append(c).append(" aborted; ");
                c.ended = true;
                c.aborted = true;
                byTag.remove(c.itt);
            }
        }
        if (function != ABORT_TASK && response != FUNCTION_COMPLETE) {
            throw new IscsiProtocolException("task management function " + function + " answered " + response);
        }
        if (function == ABORT_TASK && response != FUNCTION_COMPLETE && response != TASK_DOES_NOT_EXIST) {
            throw new IscsiProtocolException("ABORT TASK of " + referenced + " answered " + response);
        }
        // What the function did not abort still ends normally; an aborted task's answer arriving now is an error.
        collect(session);
        return response;
    }

    private void accept(Pdu pdu) throws IOException {
        int op = pdu.opcode();
        if (op == Opcodes.REJECT) {
            throw new TargetRejectedException(pdu.byteAt(2), pdu);
        }
        if (op != Opcodes.SCSI_RESPONSE && op != Opcodes.DATA_IN) {
            throw new IscsiProtocolException("unexpected PDU while commands are in flight: " + pdu);
        }
        Command c = byTag.get(pdu.initiatorTaskTag());
        if (c == null || c.ended) {
            throw new IscsiProtocolException(Opcodes.name(op) + " for ITT 0x"
                    + Integer.toHexString(pdu.initiatorTaskTag()) + ", which is not in flight (aborted or ended): "
                    + pdu + "; batch: " + trace);
        }
        if (op == Opcodes.DATA_IN) {
            byte[] d = pdu.data();
            long offset = pdu.uintAt(40);
            if (c.write || offset + d.length > c.data.length) {
                throw new IscsiProtocolException("Data-In at " + offset + "+" + d.length + " for " + c);
            }
            System.arraycopy(d, 0, c.data, (int) offset, d.length);
            c.received += d.length;
            if ((pdu.flags() & 0x01) != 0) {
                end(c, pdu.byteAt(3), new byte[0]);
            }
            return;
        }
        if (pdu.byteAt(2) != 0) {
            throw new IscsiProtocolException("SCSI Response with iSCSI response " + pdu.byteAt(2) + " for " + c);
        }
        byte[] d = pdu.data();
        byte[] sense = new byte[0];
        if (d.length >= 2) {
            int length = ((d[0] & 0xff) << 8) | (d[1] & 0xff);
            sense = java.util.Arrays.copyOfRange(d, 2, Math.min(d.length, 2 + length));
        }
        end(c, pdu.byteAt(3), sense);
    }

    private void end(Command c, int status, byte[] sense) throws IscsiProtocolException {
        trace.append(c).append(" ended status ").append(status).append("; ");
        c.ended = true;
        c.status = status;
        c.sense = sense;
        byTag.remove(c.itt);
        if (status == 0 && !c.write && c.received != c.data.length) {
            throw new IscsiProtocolException(c + " ended GOOD after " + c.received + " of " + c.data.length
                    + " bytes");
        }
    }
}
