package io.blockhouse.iscsi.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.testing.InitiatorHarness;
import io.blockhouse.iscsi.testing.MemoryNexus;
import io.blockhouse.iscsi.testing.TargetPduView;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import io.blockhouse.iscsi.testing.Wire;
import io.blockhouse.scsi.ScsiCommand;
import io.blockhouse.scsi.TmfFunction;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Full feature phase through the production pipeline, byte level, against the in-memory test nexus. */
class FullFeaturePhaseTest {
    private static final String IQN = "iqn.2026-01.io.blockhouse:ffp";
    private static final int WRITE10 = 0x2a;
    private static final int READ10 = 0x28;
    private final TestTarget target = new TestTarget(IQN, 64);
    private final TestCatalog catalog = new TestCatalog().add(target);
    private InitiatorHarness h;
    private int statSN;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private MemoryNexus login(IscsiSettings settings, String... keys) {
        h = new InitiatorHarness(catalog, settings);
        TargetPduView r = h.loginNormal(IQN, keys);
        statSN = r.statSN() + 1;
        return target.lastNexus();
    }

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    private TargetPduView expectResponse(int itt, int status) {
        TargetPduView r = h.next(0x21);
        assertEquals(itt, r.itt());
        assertEquals(status, r.byte3(), "SCSI status");
        assertEquals(0, r.byte2(), "iSCSI response: command completed at target");
        assertEquals(statSN++, r.statSN(), "StatSN advances once per status");
        return r;
    }

    @Test
    void writeWithImmediateData() {
        MemoryNexus nexus = login(InitiatorHarness.settings(16, 262144, 65536, true, true, 1), "ImmediateData=Yes",
                "InitialR2T=Yes");
        byte[] data = pattern(512, 1);
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 512, h.cmdSN++, Wire.rw10(WRITE10, 2, 1)), data);
        TargetPduView r = expectResponse(itt, 0);
        assertEquals(0, r.flags() & 0x06, "no residual");
        assertArrayEquals(data, Arrays.copyOfRange(nexus.disk(), 1024, 1536));
        assertEquals(h.cmdSN, r.expCmdSN());
    }

    @Test
    void writeWithUnsolicitedDataOut() {
        MemoryNexus nexus = login(InitiatorHarness.settings(16, 262144, 65536, true, false, 1), "ImmediateData=Yes",
                "InitialR2T=No", "FirstBurstLength=65536");
        byte[] data = pattern(2048, 3);
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, false, false, true, 0, itt, 2048, h.cmdSN++, Wire.rw10(WRITE10, 0, 4)),
                Arrays.copyOfRange(data, 0, 512));
        assertTrue(h.nothingMore(), "waits for the unsolicited Data-Out");
        h.send(Wire.dataOut(false, 0, itt, Wire.NO_TAG, 0, 512), Arrays.copyOfRange(data, 512, 1024));
        h.send(Wire.dataOut(true, 0, itt, Wire.NO_TAG, 1, 1024), Arrays.copyOfRange(data, 1024, 2048));
        expectResponse(itt, 0);
        assertArrayEquals(data, Arrays.copyOfRange(nexus.disk(), 0, 2048));
    }

    @Test
    void writeSolicitedWithR2TsInMaxBurstChunks() {
        MemoryNexus nexus = login(InitiatorHarness.settings(16, 262144, 65536, true, true, 1), "ImmediateData=No",
                "InitialR2T=Yes", "MaxBurstLength=1024");
        byte[] data = pattern(4096, 5);
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 4096, h.cmdSN++, Wire.rw10(WRITE10, 8, 8)));
        for (int burst = 0; burst < 4; burst++) {
            TargetPduView r2t = h.next(0x31);
            assertEquals(itt, r2t.itt());
            assertEquals(burst, r2t.int32(36), "R2TSN");
            assertEquals(burst * 1024, r2t.int32(40), "BufferOffset");
            assertEquals(1024, r2t.int32(44), "Desired Data Transfer Length");
            assertEquals(statSN, r2t.statSN(), "R2T carries StatSN without consuming it");
            assertTrue(h.nothingMore(), "MaxOutstandingR2T=1");
            int offset = burst * 1024;
            h.send(Wire.dataOut(false, 0, itt, r2t.ttt(), 0, offset), Arrays.copyOfRange(data, offset, offset + 512));
            h.send(Wire.dataOut(true, 0, itt, r2t.ttt(), 1, offset + 512),
                    Arrays.copyOfRange(data, offset + 512, offset + 1024));
        }
        TargetPduView response = expectResponse(itt, 0);
        assertEquals(4, response.int32(36), "ExpDataSN counts the R2Ts");
        assertArrayEquals(data, Arrays.copyOfRange(nexus.disk(), 8 * 512, 8 * 512 + 4096));
        assertEquals(1, nexus.writes().size());
    }

    @Test
    void severalR2TsOutstandingWhenAllowed() {
        login(InitiatorHarness.settings(16, 262144, 65536, true, true, 4), "ImmediateData=No", "InitialR2T=Yes",
                "MaxBurstLength=1024", "MaxOutstandingR2T=2");
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 4096, h.cmdSN++, Wire.rw10(WRITE10, 0, 8)));
        List<TargetPduView> r2ts = h.all();
        assertEquals(2, r2ts.size());
        assertEquals(0, r2ts.get(0).int32(40));
        assertEquals(1024, r2ts.get(1).int32(40));
    }

    @Test
    void wrongBufferOffsetIsRejectedAndEndsTheTask() {
        assertDataOutViolationEndsTask(-1, 512, 512, true, 0x05, "wrong BufferOffset");
    }

    @Test
    void unknownTargetTransferTagIsRejectedAndEndsTheTask() {
        assertDataOutViolationEndsTask(0x7777, 0, 512, true, 0x01, "unknown TTT");
    }

    @Test
    void burstCompleteWithoutFinalBitIsRejectedAndEndsTheTask() {
        assertDataOutViolationEndsTask(-1, 0, 1024, false, 0x00, "burst complete without F bit");
    }

    @Test
    void wrongDataSnIsRejectedAndEndsTheTaskWithoutWriting() {
        MemoryNexus nexus = login(InitiatorHarness.settings(16, 262144, 65536, true, true, 1), "ImmediateData=No",
                "InitialR2T=Yes", "MaxBurstLength=1024");
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 1024, h.cmdSN++, Wire.rw10(WRITE10, 0, 2)));
        TargetPduView r2t = h.next(0x31);
        h.send(Wire.dataOut(false, 0, itt, r2t.ttt(), 0, 0), pattern(512, 7));
        h.send(Wire.dataOut(true, 0, itt, r2t.ttt(), 0, 512), pattern(512, 8));
        assertEquals(0x04, h.next(0x3f).byte2(), "protocol error for a repeated DataSN");
        statSN++;
        assertDataPhaseSense(expectResponse(itt, 0x02), 0x00);
        assertTrue(nexus.writes().isEmpty(), "a write with a broken Data-Out sequence is not executed");
        assertTrue(h.channel.isOpen(), "the session goes on");
        expectWorkingSession();
    }

    /**
     * A Data-Out that breaks the sequence rules (RFC 7143 11.7) is rejected; the target then ends its task with CHECK
     * CONDITION, ABORTED COMMAND and a data phase ASC (4Bh), without executing it, and the session goes on.
     *
     * @param ttt TTT to send, or -1 for the R2T's own
     */
    private void assertDataOutViolationEndsTask(int ttt, int offset, int length, boolean finalBit, int ascq,
                                                String what) {
        login(InitiatorHarness.settings(16, 262144, 65536, true, true, 1), "ImmediateData=No", "InitialR2T=Yes",
                "MaxBurstLength=1024");
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 1024, h.cmdSN++, Wire.rw10(WRITE10, 0, 2)));
        TargetPduView r2t = h.next(0x31);
        h.send(Wire.dataOut(finalBit, 0, itt, ttt == -1 ? r2t.ttt() : ttt, 0, offset), new byte[length]);
        TargetPduView reject = h.next(0x3f);
        assertEquals(0x04, reject.byte2(), "protocol error for " + what);
        assertEquals(statSN++, reject.statSN());
        assertDataPhaseSense(expectResponse(itt, 0x02), ascq);
        // Data-Out the initiator had already sent for the ended task is dropped without another Reject.
        h.send(Wire.dataOut(true, 0, itt, r2t.ttt(), 1, 512), new byte[512]);
        expectWorkingSession();
    }

    private static void assertDataPhaseSense(TargetPduView response, int ascq) {
        byte[] sense = response.data();
        assertEquals(0x0b, sense[2 + 2] & 0x0f, "ABORTED COMMAND");
        assertEquals(0x4b, sense[2 + 12] & 0xff, "data phase error family");
        assertEquals(ascq, sense[2 + 13] & 0xff);
    }

    /** A TEST UNIT READY still gets GOOD: the connection and session survived. */
    private void expectWorkingSession() {
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, false, 0, itt, 0, h.cmdSN++, new byte[16]));
        expectResponse(itt, 0);
    }

    @Test
    void dataDigestErrorInDataOutFailsTheTaskAfterItsData() {
        MemoryNexus nexus = login(InitiatorHarness.settings(16, 262144, 65536, true, true, 1), "ImmediateData=No",
                "InitialR2T=Yes", "DataDigest=CRC32C");
        assertTrue(h.dataDigest);
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 1024, h.cmdSN++, Wire.rw10(WRITE10, 0, 2)));
        TargetPduView r2t = h.next(0x31);
        byte[] wire = Wire.frame(Wire.dataOut(false, 0, itt, r2t.ttt(), 0, 0), new byte[0], new byte[512], false,
                true);
        wire[wire.length - 1] ^= 0x55;
        h.sendRaw(wire);
        TargetPduView reject = h.next(0x3f);
        assertEquals(0x02, reject.byte2(), "data digest error");
        statSN++;
        h.send(Wire.dataOut(true, 0, itt, r2t.ttt(), 1, 512), new byte[512]);
        TargetPduView response = expectResponse(itt, 0x02);
        byte[] sense = response.data();
        assertEquals(18, Wire.get16(sense, 0));
        assertEquals(0x0b, sense[2 + 2] & 0x0f, "ABORTED COMMAND");
        assertEquals(0x47, sense[2 + 12] & 0xff);
        assertEquals(0x05, sense[2 + 13] & 0xff);
        assertTrue(nexus.submitted().isEmpty(), "the command never reached the SCSI layer");
    }

    @Test
    void readIsSplitByInitiatorMaxRecvDataSegmentLengthWithPhaseCollapse() {
        MemoryNexus nexus = login(IscsiSettings.defaults(), "MaxRecvDataSegmentLength=1024");
        byte[] content = pattern(2560, 9);
        System.arraycopy(content, 0, nexus.disk(), 512, content.length);
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, true, false, 0, itt, 2560, h.cmdSN++, Wire.rw10(READ10, 1, 5)));
        List<TargetPduView> pdus = h.all();
        assertEquals(3, pdus.size());
        byte[] got = new byte[0];
        for (int i = 0; i < 3; i++) {
            TargetPduView d = pdus.get(i);
            assertEquals(0x25, d.opcode());
            assertEquals(itt, d.itt());
            assertEquals(i, d.int32(36), "DataSN");
            assertEquals(i * 1024, d.int32(40), "BufferOffset");
            got = concat(got, d.data());
        }
        assertEquals(0x00, pdus.get(0).flags());
        assertEquals(0x81, pdus.get(2).flags(), "F and S on the last Data-In");
        assertEquals(statSN++, pdus.get(2).statSN());
        assertArrayEquals(content, got);
    }

    @Test
    void dataInSequencesEndAtMaxBurstLength() {
        login(IscsiSettings.defaults(), "MaxRecvDataSegmentLength=512", "MaxBurstLength=1024");
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, true, false, 0, itt, 2048, h.cmdSN++, Wire.rw10(READ10, 0, 4)));
        List<TargetPduView> pdus = h.all();
        assertEquals(4, pdus.size());
        assertEquals(0x00, pdus.get(0).flags());
        assertEquals(0x80, pdus.get(1).flags(), "F at the end of the first 1024-byte sequence");
        assertEquals(0x00, pdus.get(2).flags());
        assertEquals(0x81, pdus.get(3).flags());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void readResidualUnderflowAndOverflow() {
        login(IscsiSettings.defaults());
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, true, false, 0, itt, 1024, h.cmdSN++, Wire.rw10(READ10, 0, 1)));
        TargetPduView under = h.next(0x25);
        assertEquals(0x83, under.flags(), "F, U, S");
        assertEquals(512, under.int32(44));
        assertEquals(512, under.dataSegmentLength());
        statSN++;

        itt = h.itt();
        h.send(Wire.scsiCommand(false, true, true, false, 0, itt, 512, h.cmdSN++, Wire.rw10(READ10, 0, 2)));
        TargetPduView over = h.next(0x25);
        assertEquals(0x85, over.flags(), "F, O, S");
        assertEquals(512, over.int32(44));
        assertEquals(512, over.dataSegmentLength(), "never more than EDTL");
        statSN++;
        assertTrue(h.nothingMore());
    }

    @Test
    void writeResidualUnderflowInScsiResponse() {
        login(InitiatorHarness.settings(16, 262144, 65536, true, true, 1), "ImmediateData=Yes", "InitialR2T=Yes");
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 1024, h.cmdSN++, Wire.rw10(WRITE10, 0, 1)),
                new byte[1024]);
        TargetPduView r = expectResponse(itt, 0);
        assertEquals(0x82, r.flags(), "U bit");
        assertEquals(512, r.int32(44));
    }

    @Test
    void checkConditionCarriesSenseInAScsiResponse() {
        login(IscsiSettings.defaults());
        int itt = h.itt();
        byte[] cdb = new byte[16];
        cdb[0] = (byte) 0xfe;
        h.send(Wire.scsiCommand(false, true, false, false, 0, itt, 0, h.cmdSN++, cdb));
        TargetPduView r = expectResponse(itt, 0x02);
        assertEquals(20, r.dataSegmentLength());
        assertEquals(18, Wire.get16(r.data(), 0));
        assertEquals(0x05, r.data()[4] & 0x0f, "ILLEGAL REQUEST");
    }

    @Test
    void bidirectionalCommandsAreRefusedWithCheckCondition() {
        MemoryNexus nexus = login(IscsiSettings.defaults());
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, true, true, 0, itt, 512, h.cmdSN++, Wire.rw10(WRITE10, 0, 1)),
                new byte[512]);
        TargetPduView r = expectResponse(itt, 0x02);
        assertEquals(0x24, r.data()[2 + 12]);
        assertTrue(nexus.submitted().isEmpty());
    }

    private TargetPduView ping() {
        h.send(Wire.nopOut(true, h.itt(), Wire.NO_TAG, h.cmdSN));
        TargetPduView nop = h.next(0x20);
        statSN++;
        return nop;
    }

    @Test
    void commandsAreDeliveredInCmdSnOrderAndOutOfWindowOnesDropped() {
        MemoryNexus nexus = login(InitiatorHarness.settings(4, 262144, 65536, true, true, 1));
        int first = h.cmdSN;
        byte[] tur = new byte[16];
        h.send(Wire.scsiCommand(false, true, false, false, 0, 0x30, 0, first + 2, tur));
        h.send(Wire.scsiCommand(false, true, false, false, 0, 0x20, 0, first + 1, tur));
        assertTrue(nexus.submitted().isEmpty(), "held until the gap at ExpCmdSN fills");
        assertTrue(h.nothingMore());
        h.send(Wire.scsiCommand(false, true, false, false, 0, 0x10, 0, first, tur));
        assertEquals(List.of(0x10L, 0x20L, 0x30L), nexus.submitted().stream().map(ScsiCommand::taskTag).toList());
        assertEquals(3, h.all().size());
        statSN += 3;
        h.cmdSN = first + 3;

        h.send(Wire.scsiCommand(false, true, false, false, 0, 0x40, 0, first + 100, tur));
        assertEquals(3, nexus.submitted().size(), "outside the window: dropped silently");
        assertTrue(h.nothingMore());
    }

    @Test
    void fullQueueClosesTheWindowUntilCommandsComplete() {
        MemoryNexus nexus = login(InitiatorHarness.settings(4, 262144, 65536, true, true, 1));
        nexus.holdCompletions(true);
        int first = h.cmdSN;
        for (int i = 0; i < 4; i++) {
            h.send(Wire.scsiCommand(false, true, false, false, 0, 0x50 + i, 0, h.cmdSN++, new byte[16]));
        }
        TargetPduView nop = ping();
        assertEquals(first + 4, nop.expCmdSN());
        assertEquals(first + 3, nop.maxCmdSN(), "MaxCmdSN = ExpCmdSN - 1: window closed");
        h.send(Wire.scsiCommand(false, true, false, false, 0, 0x60, 0, h.cmdSN, new byte[16]));
        assertEquals(4, nexus.submitted().size(), "beyond MaxCmdSN: dropped");
        nexus.releaseHeld();
        h.channel.runPendingTasks();
        List<TargetPduView> responses = h.all();
        assertEquals(4, responses.size());
        TargetPduView last = responses.get(3);
        assertEquals(first + 4 + 4 - 1, last.maxCmdSN(), "window reopened");
    }

    @Test
    void immediateNopPingEchoesData() {
        login(IscsiSettings.defaults());
        byte[] payload = pattern(37, 2);
        h.send(Wire.nopOut(true, 0x99, Wire.NO_TAG, h.cmdSN), payload);
        TargetPduView nop = h.next(0x20);
        assertEquals(0x99, nop.itt());
        assertEquals(Wire.NO_TAG, nop.ttt());
        assertArrayEquals(payload, nop.data());
        assertEquals(statSN++, nop.statSN());
        assertEquals(h.cmdSN, nop.expCmdSN(), "immediate: CmdSN not consumed");
    }

    @Test
    void nonImmediateNopConsumesCmdSn() {
        login(IscsiSettings.defaults());
        h.send(Wire.nopOut(false, 0x98, Wire.NO_TAG, h.cmdSN++));
        assertEquals(h.cmdSN, h.next(0x20).expCmdSN());
    }

    @Test
    void idleConnectionIsPingedAndClosedWithoutAnswer() {
        login(IscsiSettings.defaults());
        h.channel.advanceTimeBy(30, TimeUnit.SECONDS);
        h.channel.runScheduledPendingTasks();
        TargetPduView ping = h.next(0x20);
        assertEquals(Wire.NO_TAG, ping.itt());
        assertTrue(ping.ttt() != Wire.NO_TAG);
        assertEquals(statSN, ping.statSN(), "a target ping does not consume StatSN");
        h.channel.advanceTimeBy(15, TimeUnit.SECONDS);
        h.channel.runScheduledPendingTasks();
        h.channel.runPendingTasks();
        assertFalse(h.channel.isOpen());
    }

    @Test
    void answeredPingKeepsTheConnection() {
        login(IscsiSettings.defaults());
        h.channel.advanceTimeBy(30, TimeUnit.SECONDS);
        h.channel.runScheduledPendingTasks();
        TargetPduView ping = h.next(0x20);
        h.send(Wire.nopOut(true, Wire.NO_TAG, ping.ttt(), h.cmdSN));
        assertTrue(h.nothingMore(), "no reply to a NOP-Out answering our ping");
        h.channel.advanceTimeBy(16, TimeUnit.SECONDS);
        h.channel.runScheduledPendingTasks();
        assertTrue(h.channel.isOpen());
    }

    @Test
    void abortTaskWhileCollectingR2TData() {
        MemoryNexus nexus = login(InitiatorHarness.settings(16, 262144, 65536, true, true, 1), "ImmediateData=No",
                "InitialR2T=Yes", "MaxBurstLength=1024");
        int itt = h.itt();
        int cmdSN = h.cmdSN++;
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 4096, cmdSN, Wire.rw10(WRITE10, 0, 8)));
        TargetPduView r2t = h.next(0x31);
        h.send(Wire.dataOut(false, 0, itt, r2t.ttt(), 0, 0), new byte[512]);
        int tmfItt = h.itt();
        h.send(Wire.taskManagement(true, 1, 0, tmfItt, itt, h.cmdSN, cmdSN));
        TargetPduView tmf = h.next(0x22);
        assertEquals(tmfItt, tmf.itt());
        assertEquals(0, tmf.byte2(), "function complete");
        assertEquals(statSN++, tmf.statSN());
        // Data still in flight for the aborted task is dropped quietly.
        h.send(Wire.dataOut(true, 0, itt, r2t.ttt(), 1, 512), new byte[512]);
        assertTrue(h.nothingMore());
        assertTrue(nexus.submitted().isEmpty());
        // The task slot is free again: the window is fully open.
        TargetPduView nop = ping();
        assertEquals(h.cmdSN + 16 - 1, nop.maxCmdSN());
    }

    @Test
    void abortTaskRunningInTheNexus() {
        MemoryNexus nexus = login(IscsiSettings.defaults());
        nexus.holdCompletions(true);
        int itt = h.itt();
        int cmdSN = h.cmdSN++;
        h.send(Wire.scsiCommand(false, true, false, false, 0, itt, 0, cmdSN, new byte[16]));
        assertEquals(1, nexus.heldCount());
        h.send(Wire.taskManagement(true, 1, 0, 0x501, itt, h.cmdSN, cmdSN));
        TargetPduView tmf = h.next(0x22);
        assertEquals(0, tmf.byte2());
        assertEquals(List.of(new MemoryNexus.Tmf(TmfFunction.ABORT_TASK, 0, itt)), nexus.tmfCalls());
        assertTrue(h.nothingMore(), "no SCSI Response for the aborted task");
    }

    @Test
    void abortOfUnknownTaskFollowsRefCmdSn() {
        MemoryNexus nexus = login(IscsiSettings.defaults());
        int missing = h.cmdSN;
        // RefCmdSN in the window and below the TMF's CmdSN: counts as received, function complete.
        h.send(Wire.taskManagement(true, 1, 0, 0x601, 0xdead, missing + 1, missing));
        assertEquals(0, h.next(0x22).byte2());
        h.cmdSN = missing + 1;
        h.send(Wire.scsiCommand(false, true, false, false, 0, 0x602, 0, h.cmdSN++, new byte[16]));
        assertEquals(1, nexus.submitted().size(), "the skipped CmdSN no longer blocks later commands");
        h.next(0x21);
        // Outside the window: task does not exist.
        h.send(Wire.taskManagement(true, 1, 0, 0x603, 0xbeef, h.cmdSN, missing - 5));
        assertEquals(1, h.next(0x22).byte2());
    }

    @Test
    void lunResetIsForwarded() {
        MemoryNexus nexus = login(IscsiSettings.defaults());
        h.send(Wire.taskManagement(true, 5, 0, 0x701, Wire.NO_TAG, h.cmdSN, h.cmdSN));
        assertEquals(0, h.next(0x22).byte2());
        assertEquals(TmfFunction.LOGICAL_UNIT_RESET, nexus.tmfCalls().get(0).function());
    }

    @Test
    void taskReassignIsNotSupportedAtErl0() {
        login(IscsiSettings.defaults());
        h.send(Wire.taskManagement(true, 8, 0, 0x702, 1, h.cmdSN, h.cmdSN));
        assertEquals(4, h.next(0x22).byte2());
    }

    @Test
    void targetColdResetClosesTheConnectionAfterTheResponse() {
        login(IscsiSettings.defaults());
        h.send(Wire.taskManagement(true, 7, 0, 0x703, Wire.NO_TAG, h.cmdSN, h.cmdSN));
        h.channel.runPendingTasks();
        assertEquals(0, h.next(0x22).byte2());
        assertFalse(h.channel.isOpen());
    }

    @Test
    void logoutClosesTheSession() {
        MemoryNexus nexus = login(IscsiSettings.defaults());
        h.send(Wire.logout(false, 0, 0x801, 0, h.cmdSN++));
        h.channel.runPendingTasks();
        TargetPduView r = h.next(0x26);
        assertEquals(0x801, r.itt());
        assertEquals(0, r.byte2());
        assertEquals(statSN, r.statSN());
        assertFalse(h.channel.isOpen());
        assertTrue(nexus.closed());
        assertTrue(h.registry.all().isEmpty());
    }

    @Test
    void theSessionLeavesTheRegistryBeforeTheLogoutResponseIsWritten() {
        login(IscsiSettings.defaults());
        List<Integer> registeredAtEachWrite = new ArrayList<>();
        h.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                registeredAtEachWrite.add(h.registry.all().size());
                super.write(ctx, msg, promise);
            }
        });
        h.send(Wire.logout(false, 0, 0x801, 0, h.cmdSN++));
        h.channel.runPendingTasks();
        assertEquals(0, h.next(0x26).byte2());
        assertFalse(registeredAtEachWrite.isEmpty());
        // an initiator that logs in again as soon as it reads "closed" must not find its old session counted
        assertEquals(0, registeredAtEachWrite.get(registeredAtEachWrite.size() - 1));
    }

    @Test
    void logoutWaitsForRunningCommands() {
        MemoryNexus nexus = login(IscsiSettings.defaults());
        nexus.holdCompletions(true);
        h.send(Wire.scsiCommand(false, true, false, false, 0, 0x901, 0, h.cmdSN++, new byte[16]));
        h.send(Wire.logout(true, 0, 0x902, 0, h.cmdSN));
        assertTrue(h.nothingMore());
        nexus.releaseHeld();
        h.channel.runPendingTasks();
        assertEquals(0x21, h.next().opcode());
        assertEquals(0x26, h.next().opcode());
        assertFalse(h.channel.isOpen());
    }

    @Test
    void logoutForConnectionRecoveryIsRefusedAtErl0() {
        login(IscsiSettings.defaults());
        h.send(Wire.logout(true, 2, 0x903, 0, h.cmdSN));
        assertEquals(2, h.next(0x26).byte2());
        assertTrue(h.channel.isOpen());
    }

    @Test
    void unsupportedOpcodesAreRejectedAndTheConnectionStays() {
        login(IscsiSettings.defaults());
        byte[] vendor = Wire.bhs(0x1d, true, 0x80);
        h.send(vendor);
        TargetPduView reject = h.next(0x3f);
        assertEquals(0x05, reject.byte2());
        assertEquals(0x1d, reject.data()[0] & 0x3f, "the rejected header is returned");
        h.send(Wire.bhs(0x10, false, 0x80));
        assertEquals(0x04, h.next(0x3f).byte2(), "SNACK at ERL 0");
        assertTrue(h.channel.isOpen());
        ping();
    }

    @Test
    void textRequestInFullFeaturePhase() {
        login(IscsiSettings.defaults());
        h.send(Wire.textRequest(false, true, false, 0xa01, Wire.NO_TAG, h.cmdSN++), Wire.text("SendTargets=All",
                "MaxRecvDataSegmentLength=4096", "MaxBurstLength=4096"));
        TargetPduView r = h.next(0x24);
        assertTrue(r.finalBit());
        assertEquals("TargetName=" + IQN + "\0MaxBurstLength=Reject\0", r.text());
        statSN++;
        // The new MaxRecvDataSegmentLength now bounds Data-In.
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, true, false, 0, itt, 8192, h.cmdSN++, Wire.rw10(READ10, 0, 16)));
        assertEquals(2, h.all().size());
    }

    @Test
    void connectionLossMidTransferReleasesEverything() {
        MemoryNexus nexus = login(InitiatorHarness.settings(16, 262144, 65536, true, true, 1), "ImmediateData=Yes",
                "MaxBurstLength=1024");
        nexus.holdCompletions(true);
        h.send(Wire.scsiCommand(false, true, false, false, 0, 0xb01, 0, h.cmdSN++, new byte[16]));
        int itt = h.itt();
        h.send(Wire.scsiCommand(false, true, false, true, 0, itt, 4096, h.cmdSN++, Wire.rw10(WRITE10, 0, 8)),
                new byte[512]);
        h.next(0x31);
        // A command waiting for a CmdSN gap holds its immediate data too.
        h.send(Wire.scsiCommand(false, true, false, true, 0, 0xb03, 512, h.cmdSN + 1, Wire.rw10(WRITE10, 0, 1)),
                new byte[512]);
        h.channel.close();
        assertTrue(nexus.closed());
        nexus.releaseHeld();
        h.channel.runPendingTasks();
    }

    @Test
    void longTextIsContinuedBothWays() {
        for (int i = 0; i < 40; i++) {
            catalog.add(new TestTarget("iqn.2026-01.io.blockhouse:target-with-a-rather-long-name-" + i, 1));
        }
        h = new InitiatorHarness(catalog, IscsiSettings.defaults());
        h.send(Wire.login(true, false, 1, 3, InitiatorHarness.ISID, 0, 1, 1, 0), Wire.text(
                "InitiatorName=" + InitiatorHarness.INITIATOR, "SessionType=Discovery",
                "MaxRecvDataSegmentLength=1024"));
        assertEquals(0, h.next(0x23).loginStatus());
        byte[] request = Wire.text("SendTargets=All");
        // The request itself arrives in two pieces (C bit); the target acknowledges the first with an empty answer.
        h.send(Wire.textRequest(true, false, true, 0xc01, Wire.NO_TAG, 1), Arrays.copyOfRange(request, 0, 6));
        TargetPduView ack = h.next(0x24);
        assertEquals(0, ack.dataSegmentLength());
        assertFalse(ack.finalBit());
        h.send(Wire.textRequest(true, true, false, 0xc01, ack.ttt(), 1), Arrays.copyOfRange(request, 6,
                request.length));
        StringBuilder all = new StringBuilder();
        TargetPduView part = h.next(0x24);
        int parts = 1;
        while (!part.finalBit()) {
            assertEquals(0x40, part.flags(), "C=1, F=0 while more follows");
            assertEquals(1024, part.dataSegmentLength());
            all.append(part.text());
            h.send(Wire.textRequest(true, true, false, 0xc01, part.ttt(), 1));
            part = h.next(0x24);
            parts++;
        }
        all.append(part.text());
        assertEquals(Wire.NO_TAG, part.ttt());
        assertTrue(parts > 2);
        assertEquals(41, all.toString().split("TargetName=").length - 1);
    }

    @Test
    void serverDrainAsksForLogoutAndRefusesNewCommands() {
        MemoryNexus nexus = login(IscsiSettings.defaults());
        FullFeatureHandler handler = h.channel.pipeline().get(FullFeatureHandler.class);
        handler.connection().drain(10);
        TargetPduView async = h.next(0x32);
        assertEquals(1, async.bhs()[36]);
        assertEquals(10, Wire.get16(async.bhs(), 42));
        h.send(Wire.scsiCommand(false, true, false, false, 0, 0xd01, 0, h.cmdSN++, new byte[16]));
        assertEquals(0x0c, h.next(0x3f).byte2(), "waiting for logout");
        assertTrue(nexus.submitted().isEmpty());
        h.send(Wire.logout(false, 0, 0xd02, 0, h.cmdSN++));
        h.channel.runPendingTasks();
        assertEquals(0, h.next(0x26).byte2());
    }

    @Test
    void abortRacingACompletionReportsTaskDoesNotExist() {
        login(IscsiSettings.defaults());
        int itt = h.itt();
        int cmdSN = h.cmdSN++;
        byte[] command = Wire.frame(Wire.scsiCommand(false, true, false, false, 0, itt, 0, cmdSN, new byte[16]),
                new byte[0]);
        byte[] abort = Wire.frame(Wire.taskManagement(true, 1, 0, 0xe01, itt, h.cmdSN, cmdSN), new byte[0]);
        // Both arrive in one read: the command completes in the nexus, but its response is still on its way.
        h.sendRaw(concat(command, abort));
        TargetPduView response = h.next(0x21);
        assertEquals(itt, response.itt());
        TargetPduView tmf = h.next(0x22);
        assertEquals(1, tmf.byte2(), "task does not exist: it completed before the abort");
    }

    @Test
    void commandWithCorruptImmediateDataIsRejectedAndCanBeRetried() {
        MemoryNexus nexus = login(InitiatorHarness.settings(16, 262144, 65536, true, true, 1), "ImmediateData=Yes",
                "DataDigest=CRC32C");
        int itt = h.itt();
        byte[] data = pattern(512, 4);
        byte[] bhs = Wire.scsiCommand(false, true, false, true, 0, itt, 512, h.cmdSN, Wire.rw10(WRITE10, 3, 1));
        byte[] wire = Wire.frame(bhs, new byte[0], data, false, true);
        wire[60] ^= 1;
        h.sendRaw(wire);
        assertEquals(0x02, h.next(0x3f).byte2());
        statSN++;
        assertTrue(nexus.submitted().isEmpty(), "a command with a bad payload is not executed");
        // RFC 7143 section 7.8: the initiator retries with the same ITT and CmdSN, which is still expected.
        h.sendRaw(Wire.frame(bhs, new byte[0], data, false, true));
        expectResponse(itt, 0);
        assertArrayEquals(data, Arrays.copyOfRange(nexus.disk(), 3 * 512, 4 * 512));
    }

    @Test
    void oversizedDataSegmentIsRejected() {
        login(IscsiSettings.defaults());
        byte[] big = new byte[262144 + 4];
        h.send(Wire.nopOut(true, 0x77, Wire.NO_TAG, h.cmdSN), big);
        TargetPduView reject = h.next(0x3f);
        assertEquals(0x04, reject.byte2());
        statSN++;
        assertTrue(h.channel.isOpen());
        ping();
    }
}
