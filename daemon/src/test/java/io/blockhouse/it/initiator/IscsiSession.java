package io.blockhouse.it.initiator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A logged-in single-connection iSCSI session driven by one thread, one command at a time (a blocking test
 * initiator, not a performance one). Implements the initiator side of RFC 7143 from scratch: CmdSN/StatSN
 * bookkeeping, immediate and unsolicited data within FirstBurstLength, R2T-driven Data-Out, multi-PDU Data-In,
 * SCSI Response with sense, answering target NOP-In pings, SendTargets discovery and logout. Every target answer is
 * checked against the protocol so a misbehaving target fails loudly.
 *
 * <p>For hostile tests, {@link #connection()} exposes the raw PDU stream and {@link #commandPdu} /
 * {@link #dataOutPdu} build PDUs with correct sequence numbers that a test may then damage.
 */
public final class IscsiSession implements AutoCloseable {

    private static final int SIMPLE_TASK = 1;
    private static final AtomicInteger CIDS = new AtomicInteger();

    private final IscsiConnection connection;
    private final LoginOptions options;
    private final NegotiatedParameters parameters;
    private final int tsih;
    private final int cid;
    private int cmdSn;
    private long expStatSn;
    private int maxCmdSn;
    private int nextItt = 0x1000;
    private boolean loggedOut;
    private int pingsAnswered;

    private IscsiSession(IscsiConnection connection, LoginOptions options, LoginNegotiator.Result result, int cmdSn,
                         int cid) {
        this.connection = connection;
        this.options = options;
        this.parameters = result.parameters();
        this.tsih = result.tsih();
        this.cid = cid;
        this.cmdSn = cmdSn;
        this.expStatSn = result.nextExpStatSn();
        this.maxCmdSn = (int) result.maxCmdSn();
    }

    /**
     * Connects and logs in.
     *
     * @throws LoginException when the target refuses or the initiator aborts (e.g. failed mutual CHAP)
     */
    public static IscsiSession login(String host, int port, LoginOptions options) throws IOException {
        IscsiConnection connection = IscsiConnection.open(host, port, options.timeout());
        try {
            return login(connection, options);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Logs in on an already open connection (the caller keeps ownership of it if this throws). */
    public static IscsiSession login(IscsiConnection connection, LoginOptions options) throws IOException {
        int cmdSn = 1;
        int cid = CIDS.incrementAndGet() & 0xffff;
        LoginNegotiator.Result result = new LoginNegotiator(connection, options, 0x0badf00d, cmdSn, cid).login();
        if (result.expCmdSn() != (cmdSn & 0xffffffffL)) {
            throw new LoginException("final Login Response ExpCmdSN " + result.expCmdSn() + " != CmdSN " + cmdSn);
        }
        NegotiatedParameters p = result.parameters();
        connection.digests(p.headerDigest(), p.dataDigest());
        connection.maxReceiveDataLength(p.maxRecvDataSegment());
        return new IscsiSession(connection, options, result, cmdSn, cid);
    }

    public NegotiatedParameters parameters() {
        return parameters;
    }

    public LoginOptions options() {
        return options;
    }

    public int tsih() {
        return tsih;
    }

    /** The raw PDU stream, for hostile tests; using it desynchronises this session unless the test is careful. */
    public IscsiConnection connection() {
        return connection;
    }

    /** A fresh Initiator Task Tag. */
    public int newTaskTag() {
        int itt = nextItt++;
        if (nextItt == Opcodes.RESERVED_TAG) {
            nextItt = 0x1000;
        }
        return itt;
    }

    /** The CmdSN the next non-immediate command will carry. */
    public int cmdSn() {
        return cmdSn;
    }

    /** The ExpStatSN this initiator acknowledges. */
    public int expStatSn() {
        return (int) expStatSn;
    }

    /** The last MaxCmdSN the target announced. */
    public int maxCmdSn() {
        return maxCmdSn;
    }

    // ---------------------------------------------------------------- SCSI convenience helpers

    public ScsiOutcome testUnitReady(int lun) throws IOException {
        return execute(lun, Cdbs.testUnitReady(), null, 0);
    }

    /**
     * Issues TEST UNIT READY until it answers GOOD, consuming the UNIT ATTENTION conditions a target reports to a
     * new I_T nexus (power on, reset, parameters changed). Fails after 8 attempts.
     */
    public void clearUnitAttention(int lun) throws IOException {
        ScsiOutcome outcome = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            outcome = testUnitReady(lun);
            if (outcome.good()) {
                return;
            }
            if (outcome.senseKey() != 0x06) {
                break;
            }
        }
        throw new IscsiProtocolException("LUN " + lun + " not ready: " + outcome);
    }

    /** Standard INQUIRY with a 96-byte allocation length. */
    public ScsiOutcome inquiry(int lun) throws IOException {
        return execute(lun, Cdbs.inquiry(false, 0, 96), null, 96);
    }

    public ScsiOutcome readCapacity16Outcome(int lun) throws IOException {
        return execute(lun, Cdbs.readCapacity16(32), null, 32);
    }

    /** READ CAPACITY (16), failing unless the target answers GOOD with at least 12 bytes. */
    public Capacity readCapacity16(int lun) throws IOException {
        ScsiOutcome outcome = readCapacity16Outcome(lun);
        if (!outcome.good() || outcome.data().length < 12) {
            throw new IscsiProtocolException("READ CAPACITY (16) failed: " + outcome);
        }
        byte[] d = outcome.data();
        long lastLba = 0;
        for (int i = 0; i < 8; i++) {
            lastLba = (lastLba << 8) | (d[i] & 0xff);
        }
        int blockSize = ((d[8] & 0xff) << 24) | ((d[9] & 0xff) << 16) | ((d[10] & 0xff) << 8) | (d[11] & 0xff);
        return new Capacity(lastLba, blockSize);
    }

    public ScsiOutcome read10(int lun, long lba, int blocks, int blockSize) throws IOException {
        return execute(lun, Cdbs.read10(lba, blocks), null, blocks * blockSize);
    }

    /** WRITE (10) of {@code data}, whose length must be a multiple of {@code blockSize}. */
    public ScsiOutcome write10(int lun, long lba, byte[] data, int blockSize) throws IOException {
        if (data.length % blockSize != 0) {
            throw new IllegalArgumentException("data is not a whole number of blocks");
        }
        return execute(lun, Cdbs.write10(lba, data.length / blockSize, false), data, 0);
    }

    // ---------------------------------------------------------------- commands

    /**
     * Runs one SCSI command to completion.
     *
     * @param dataOut      bytes to write (null or empty for none); sent as immediate data, unsolicited Data-Out and
     *                     R2T-solicited Data-Out as negotiated
     * @param dataInLength expected Data-In length (0 for none)
     * @throws TargetRejectedException when the target rejects a PDU of this command
     * @throws IscsiProtocolException  when the target breaks the protocol
     */
    public ScsiOutcome execute(int lun, byte[] cdb, byte[] dataOut, int dataInLength) throws IOException {
        byte[] out = dataOut == null ? new byte[0] : dataOut;
        boolean writing = out.length > 0;
        int expected = writing ? out.length : dataInLength;
        NegotiatedParameters p = parameters;
        int immediate = writing && p.immediateData()
                ? Math.min(out.length, Math.min(p.firstBurstLength(), p.maxSendDataSegment())) : 0;
        int unsolicitedEnd = writing && !p.initialR2T() ? Math.min(out.length, p.firstBurstLength()) : immediate;
        boolean moreUnsolicited = unsolicitedEnd > immediate;

        int itt = newTaskTag();
        Pdu command = commandPdu(lun, cdb, itt, expected, dataInLength > 0, writing, !moreUnsolicited);
        command.data(Arrays.copyOfRange(out, 0, immediate));
        connection.send(command);
        if (moreUnsolicited) {
            sendDataOut(lun, itt, Opcodes.RESERVED_TAG, out, immediate, unsolicitedEnd - immediate);
        }
        return awaitCompletion(lun, itt, out, dataInLength);
    }

    /**
     * Builds a SCSI Command PDU, consuming a CmdSN (the caller must send it, or the session's numbering breaks).
     */
    public Pdu commandPdu(int lun, byte[] cdb, int itt, int expectedLength, boolean read, boolean write,
                          boolean finalBit) throws IscsiProtocolException {
        if (cdb.length > 16) {
            throw new IllegalArgumentException("CDBs longer than 16 bytes need an AHS");
        }
        if ((int) (cmdSn - maxCmdSn) > 0) {
            throw new IscsiProtocolException("command window closed: CmdSN " + cmdSn + " > MaxCmdSN " + maxCmdSn);
        }
        int flags = (finalBit ? 0x80 : 0) | (read ? 0x40 : 0) | (write ? 0x20 : 0) | SIMPLE_TASK;
        byte[] cdb16 = Arrays.copyOf(cdb, 16);
        return Pdu.of(Opcodes.SCSI_COMMAND, false).flags(flags).lun(lun).initiatorTaskTag(itt)
                .intAt(20, expectedLength).intAt(24, cmdSn++).intAt(28, (int) expStatSn).bytesAt(32, cdb16);
    }

    /** Builds a Data-Out PDU for a command of this session. */
    public Pdu dataOutPdu(int lun, int itt, int ttt, int dataSn, int bufferOffset, byte[] data, boolean last) {
        return Pdu.of(Opcodes.DATA_OUT, false).flags(last ? 0x80 : 0).lun(lun).initiatorTaskTag(itt)
                .intAt(20, ttt).intAt(28, (int) expStatSn).intAt(36, dataSn).intAt(40, bufferOffset).data(data);
    }

    /**
     * Sends {@code [offset, offset+length)} of {@code out} as one Data-Out sequence (also for callers that pipeline
     * their own commands, answering an R2T with {@code ttt}, or unsolicited with the reserved tag).
     */
    public void sendDataOut(int lun, int itt, int ttt, byte[] out, int offset, int length) throws IOException {
        int maxSegment = parameters.maxSendDataSegment();
        int dataSn = 0;
        for (int done = 0; done < length; ) {
            int n = Math.min(maxSegment, length - done);
            boolean last = done + n == length;
            connection.send(dataOutPdu(lun, itt, ttt, dataSn++, offset + done,
                    Arrays.copyOfRange(out, offset + done, offset + done + n), last));
            done += n;
        }
    }

    private ScsiOutcome awaitCompletion(int lun, int itt, byte[] out, int dataInLength) throws IOException {
        byte[] in = new byte[dataInLength];
        long received = 0;
        int expectedDataSn = 0;
        int expectedR2tSn = 0;
        while (true) {
            Pdu pdu = connection.receive();
            noteWindow(pdu);
            switch (pdu.opcode()) {
                case Opcodes.NOP_IN -> answerPing(pdu);
                case Opcodes.ASYNC_MESSAGE -> {
                    // async events (e.g. a target asking for logout) do not end the command; ignore them here
                }
                case Opcodes.REJECT -> throw new TargetRejectedException(pdu.byteAt(2), pdu);
                case Opcodes.DATA_IN -> {
                    expectTag(pdu, itt);
                    int dataSn = pdu.intAt(36);
                    if (dataSn != expectedDataSn) {
                        throw new IscsiProtocolException("Data-In DataSN " + dataSn + ", expected " + expectedDataSn);
                    }
                    expectedDataSn++;
                    int length = pdu.data().length;
                    if (length > parameters.maxRecvDataSegment()) {
                        throw new IscsiProtocolException("Data-In of " + length + " bytes exceeds our "
                                + "MaxRecvDataSegmentLength " + parameters.maxRecvDataSegment());
                    }
                    long offset = pdu.uintAt(40);
                    if (offset + length > dataInLength) {
                        throw new IscsiProtocolException("Data-In at offset " + offset + " length " + length
                                + " beyond expected length " + dataInLength);
                    }
                    System.arraycopy(pdu.data(), 0, in, (int) offset, length);
                    received += length;
                    if ((pdu.flags() & 0x01) != 0) {
                        noteStatSn(pdu);
                        int residual = pdu.intAt(44);
                        boolean underflow = (pdu.flags() & 0x02) != 0;
                        return new ScsiOutcome(0, pdu.byteAt(3), new byte[0],
                                trimmed(in, dataInLength, residual, underflow, received), residual, underflow,
                                (pdu.flags() & 0x04) != 0);
                    }
                }
                case Opcodes.R2T -> {
                    expectTag(pdu, itt);
                    int r2tSn = pdu.intAt(36);
                    if (r2tSn != expectedR2tSn) {
                        throw new IscsiProtocolException("R2TSN " + r2tSn + ", expected " + expectedR2tSn);
                    }
                    expectedR2tSn++;
                    long offset = pdu.uintAt(40);
                    long length = pdu.uintAt(44);
                    if (length == 0 || offset + length > out.length || length > parameters.maxBurstLength()) {
                        throw new IscsiProtocolException("bad R2T offset " + offset + " length " + length
                                + " for a " + out.length + "-byte write (MaxBurstLength "
                                + parameters.maxBurstLength() + ")");
                    }
                    sendDataOut(lun, itt, pdu.intAt(20), out, (int) offset, (int) length);
                }
                case Opcodes.SCSI_RESPONSE -> {
                    expectTag(pdu, itt);
                    noteStatSn(pdu);
                    return scsiResponse(pdu, in, dataInLength, received);
                }
                default -> throw new IscsiProtocolException("unexpected PDU during a command: " + pdu);
            }
        }
    }

    private static ScsiOutcome scsiResponse(Pdu pdu, byte[] in, int dataInLength, long received)
            throws IscsiProtocolException {
        byte[] sense = new byte[0];
        byte[] data = pdu.data();
        if (data.length >= 2) {
            int senseLength = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
            if (2 + senseLength > data.length) {
                throw new IscsiProtocolException("SenseLength " + senseLength + " beyond the data segment");
            }
            sense = Arrays.copyOfRange(data, 2, 2 + senseLength);
        } else if (data.length == 1) {
            throw new IscsiProtocolException("1-byte SCSI Response data segment");
        }
        int residual = pdu.intAt(44);
        boolean underflow = (pdu.flags() & 0x02) != 0;
        return new ScsiOutcome(pdu.byteAt(2), pdu.byteAt(3), sense,
                trimmed(in, dataInLength, residual, underflow, received), residual, underflow,
                (pdu.flags() & 0x04) != 0);
    }

    private static byte[] trimmed(byte[] in, int dataInLength, int residual, boolean underflow, long received) {
        int length = underflow ? Math.max(0, dataInLength - residual) : dataInLength;
        length = (int) Math.min(length, received);
        return length == in.length ? in : Arrays.copyOf(in, length);
    }

    private static void expectTag(Pdu pdu, int itt) throws IscsiProtocolException {
        if (pdu.initiatorTaskTag() != itt) {
            throw new IscsiProtocolException(Opcodes.name(pdu.opcode()) + " for ITT 0x"
                    + Integer.toHexString(pdu.initiatorTaskTag()) + " while waiting for 0x" + Integer.toHexString(itt));
        }
    }

    /** ExpCmdSN / MaxCmdSN ride on most target PDUs; track the window. */
    private void noteWindow(Pdu pdu) {
        int op = pdu.opcode();
        boolean carriesWindow = op == Opcodes.NOP_IN || op == Opcodes.SCSI_RESPONSE || op == Opcodes.DATA_IN
                || op == Opcodes.R2T || op == Opcodes.TEXT_RESPONSE || op == Opcodes.LOGOUT_RESPONSE
                || op == Opcodes.REJECT || op == Opcodes.ASYNC_MESSAGE || op == Opcodes.TASK_MANAGEMENT_RESPONSE;
        if (carriesWindow) {
            int expCmdSn = pdu.intAt(28);
            int newMax = pdu.intAt(32);
            // MaxCmdSN only moves forward, and is ignored when it would make the window negative (RFC 7143 4.2.2.1)
            if ((int) (newMax - (expCmdSn - 1)) >= 0 && (int) (newMax - maxCmdSn) > 0) {
                maxCmdSn = newMax;
            }
        }
    }

    private void noteStatSn(Pdu pdu) throws IscsiProtocolException {
        long statSn = pdu.uintAt(24);
        int ahead = (int) (statSn - expStatSn);
        if (ahead < 0) {
            throw new IscsiProtocolException("StatSN went backwards: " + statSn + " < " + expStatSn);
        }
        expStatSn = (statSn + 1) & 0xffffffffL;
    }

    /** Answers a target-initiated NOP-In (TTT set) with a NOP-Out, as RFC 7143 section 11.18 requires. */
    public void answerPing(Pdu nopIn) throws IOException {
        if (nopIn.initiatorTaskTag() != Opcodes.RESERVED_TAG) {
            throw new IscsiProtocolException("NOP-In answering a ping we did not send: " + nopIn);
        }
        int ttt = nopIn.intAt(20);
        if (ttt == Opcodes.RESERVED_TAG) {
            return; // a one-way notice; no answer allowed
        }
        Pdu answer = Pdu.of(Opcodes.NOP_OUT, true).flags(0x80).bytesAt(8, nopIn.bytesAt(8, 8))
                .initiatorTaskTag(Opcodes.RESERVED_TAG).intAt(20, ttt).intAt(24, cmdSn).intAt(28, (int) expStatSn);
        connection.send(answer);
        pingsAnswered++;
    }

    /** How many target NOP-In pings this session has answered. */
    public int pingsAnswered() {
        return pingsAnswered;
    }

    // ---------------------------------------------------------------- pipelining and task management

    /**
     * Sends a SCSI command without waiting for its answer, so a test can keep several commands (and a task management
     * request) in flight; {@link #receiveTracked()} collects the answers. Data-Out must fit in immediate data.
     *
     * @return the command's Initiator Task Tag (its CmdSN is {@link #cmdSn()} as read just before this call)
     */
    public int sendCommand(int lun, byte[] cdb, byte[] dataOut, int dataInLength) throws IOException {
        byte[] out = dataOut == null ? new byte[0] : dataOut;
        boolean writing = out.length > 0;
        NegotiatedParameters p = parameters;
        if (writing && (!p.immediateData() || out.length > Math.min(p.firstBurstLength(), p.maxSendDataSegment()))) {
            throw new IllegalArgumentException("a pipelined write must fit in immediate data: " + out.length
                    + " bytes, ImmediateData=" + p.immediateData() + " FirstBurstLength=" + p.firstBurstLength()
                    + " MaxSendDataSegment=" + p.maxSendDataSegment());
        }
        int itt = newTaskTag();
        connection.send(commandPdu(lun, cdb, itt, writing ? out.length : dataInLength, dataInLength > 0, writing,
                true).data(out));
        return itt;
    }

    /**
     * Sends an immediate Task Management Function Request (RFC 7143 section 11.5) without waiting for its answer.
     *
     * @param function          the function code (1 ABORT TASK, 2 ABORT TASK SET, 5 LOGICAL UNIT RESET, ...)
     * @param referencedTaskTag the task to abort for ABORT TASK, else {@link Opcodes#RESERVED_TAG}
     * @param refCmdSn          the CmdSN of the referenced task (ABORT TASK only)
     * @return the request's Initiator Task Tag
     */
    public int sendTaskManagement(int function, int lun, int referencedTaskTag, int refCmdSn) throws IOException {
        int itt = newTaskTag();
        connection.send(Pdu.of(Opcodes.TASK_MANAGEMENT_REQUEST, true).flags(0x80 | (function & 0x7f)).lun(lun)
                .initiatorTaskTag(itt).intAt(20, referencedTaskTag).intAt(24, cmdSn).intAt(28, (int) expStatSn)
                .intAt(32, refCmdSn));
        return itt;
    }

    /**
     * Receives the next PDU for the caller, answering target NOP-In pings and skipping asynchronous messages on the
     * way, and tracks the command window and StatSN of PDUs that carry a status (SCSI Response, final Data-In with
     * status, Task Management Response).
     */
    public Pdu receiveTracked() throws IOException {
        Pdu pdu = receiveSkippingPings();
        int op = pdu.opcode();
        boolean carriesStatus = op == Opcodes.SCSI_RESPONSE || op == Opcodes.TASK_MANAGEMENT_RESPONSE
                || (op == Opcodes.DATA_IN && (pdu.flags() & 0x01) != 0);
        if (carriesStatus) {
            noteStatSn(pdu);
        }
        return pdu;
    }

    // ---------------------------------------------------------------- NOP, discovery, logout

    /**
     * Sends an immediate NOP-Out ping and waits for the echo.
     *
     * @return the data the target echoed (must equal {@code payload})
     */
    public byte[] ping(byte[] payload) throws IOException {
        int itt = newTaskTag();
        connection.send(Pdu.of(Opcodes.NOP_OUT, true).flags(0x80).initiatorTaskTag(itt)
                .intAt(20, Opcodes.RESERVED_TAG).intAt(24, cmdSn).intAt(28, (int) expStatSn).data(payload));
        while (true) {
            Pdu pdu = connection.receive();
            noteWindow(pdu);
            if (pdu.opcode() == Opcodes.NOP_IN && pdu.initiatorTaskTag() == itt) {
                noteStatSn(pdu);
                if (!Arrays.equals(payload, pdu.data())) {
                    throw new IscsiProtocolException("NOP-In did not echo the ping data");
                }
                return pdu.data();
            }
            if (pdu.opcode() == Opcodes.NOP_IN) {
                answerPing(pdu);
            } else if (pdu.opcode() == Opcodes.REJECT) {
                throw new TargetRejectedException(pdu.byteAt(2), pdu);
            } else if (pdu.opcode() != Opcodes.ASYNC_MESSAGE) {
                throw new IscsiProtocolException("unexpected PDU while waiting for NOP-In: " + pdu);
            }
        }
    }

    /** Text request SendTargets=All (discovery sessions, or normal sessions for their own target). */
    public List<DiscoveredTarget> sendTargetsAll() throws IOException {
        int itt = newTaskTag();
        int ttt = Opcodes.RESERVED_TAG;
        byte[] request = TextKeys.encode(java.util.Map.of("SendTargets", "All"));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        for (int round = 0; ; round++) {
            if (round == 64) {
                throw new IscsiProtocolException("SendTargets answer never completed");
            }
            connection.send(Pdu.of(Opcodes.TEXT_REQUEST, false).flags(0x80).initiatorTaskTag(itt).intAt(20, ttt)
                    .intAt(24, cmdSn++).intAt(28, (int) expStatSn).data(request));
            request = new byte[0];
            Pdu pdu = receiveSkippingPings();
            if (pdu.opcode() == Opcodes.REJECT) {
                throw new TargetRejectedException(pdu.byteAt(2), pdu);
            }
            if (pdu.opcode() != Opcodes.TEXT_RESPONSE) {
                throw new IscsiProtocolException("expected a Text Response, got " + pdu);
            }
            expectTag(pdu, itt);
            noteStatSn(pdu);
            answer.writeBytes(pdu.data());
            boolean done = (pdu.flags() & 0x80) != 0;
            if (done) {
                break;
            }
            ttt = pdu.intAt(20);
        }
        List<DiscoveredTarget> targets = new ArrayList<>();
        String name = null;
        List<String> addresses = new ArrayList<>();
        for (String[] pair : TextKeys.decodeAll(answer.toByteArray())) {
            if (pair[0].equals("TargetName")) {
                if (name != null) {
                    targets.add(new DiscoveredTarget(name, List.copyOf(addresses)));
                }
                name = pair[1];
                addresses.clear();
            } else if (pair[0].equals("TargetAddress")) {
                addresses.add(pair[1]);
            }
        }
        if (name != null) {
            targets.add(new DiscoveredTarget(name, List.copyOf(addresses)));
        }
        return targets;
    }

    private Pdu receiveSkippingPings() throws IOException {
        while (true) {
            Pdu pdu = connection.receive();
            noteWindow(pdu);
            if (pdu.opcode() == Opcodes.NOP_IN && pdu.initiatorTaskTag() == Opcodes.RESERVED_TAG) {
                answerPing(pdu);
            } else if (pdu.opcode() != Opcodes.ASYNC_MESSAGE) {
                return pdu;
            }
        }
    }

    /** Logs the session out (reason 0: close the session) and closes the connection. */
    public void logout() throws IOException {
        try {
            int itt = newTaskTag();
            connection.send(Pdu.of(Opcodes.LOGOUT_REQUEST, true).flags(0x80).initiatorTaskTag(itt)
                    .shortAt(20, cid).intAt(24, cmdSn).intAt(28, (int) expStatSn));
            Pdu pdu = receiveSkippingPings();
            if (pdu.opcode() != Opcodes.LOGOUT_RESPONSE) {
                throw new IscsiProtocolException("expected a Logout Response, got " + pdu);
            }
            expectTag(pdu, itt);
            noteStatSn(pdu);
            if (pdu.byteAt(2) != 0) {
                throw new IscsiProtocolException("logout refused, response " + pdu.byteAt(2));
            }
            loggedOut = true;
        } finally {
            connection.close();
        }
    }

    /** Best-effort logout (bounded by a short timeout), then closes the connection. */
    @Override
    public void close() throws IOException {
        if (loggedOut) {
            return;
        }
        try {
            connection.readTimeout(Duration.ofSeconds(3));
            logout();
        } catch (IOException e) {
            connection.close();
        }
    }
}
