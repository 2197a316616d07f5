package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.exec.MappedUnit;
import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.sense.SenseKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * EXTENDED COPY (LID1), service action 00h of 83h (SPC-4 6.4): this unit acts as copy manager and copies blocks
 * between logical units without the data crossing the network. Supported: identification descriptor CSCD
 * descriptors (E4h) naming a unit by its NAA designator, and block-to-block segment descriptors (02h). Target
 * descriptors are resolved among the units the issuing nexus has mapped, so a copy can never reach a unit the
 * initiator could not read or write itself. The whole parameter list is checked before any block moves.
 */
public final class ExtendedCopy implements CommandProcessor {
    public static final int OPCODE = 0x83;
    public static final int SERVICE_ACTION = 0x00;

    static final int HEADER = 16;
    static final int TARGET_DESCRIPTOR = 32;
    static final int SEGMENT_DESCRIPTOR = 28;
    static final int IDENTIFICATION_DESCRIPTOR = 0xE4;
    static final int BLOCK_TO_BLOCK = 0x02;
    static final int MAX_TARGET_DESCRIPTORS = 16;
    static final int MAX_SEGMENT_DESCRIPTORS = 64;
    static final int MAX_DESCRIPTOR_LIST_LENGTH = MAX_TARGET_DESCRIPTORS * TARGET_DESCRIPTOR
            + MAX_SEGMENT_DESCRIPTORS * SEGMENT_DESCRIPTOR;
    /** Bytes moved per read/write while copying a segment. */
    static final int CHUNK_BYTES = 1 << 20;

    private static final int DESIGNATOR_TYPE_NAA = 0x3;
    static final Sense TOO_MANY_TARGET_DESCRIPTORS = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x26, 0x06);
    static final Sense UNSUPPORTED_TARGET_DESCRIPTOR = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x26, 0x07);
    static final Sense TOO_MANY_SEGMENT_DESCRIPTORS = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x26, 0x08);
    static final Sense UNSUPPORTED_SEGMENT_DESCRIPTOR = Sense.of(SenseKey.ILLEGAL_REQUEST, 0x26, 0x09);
    static final Sense COPY_TARGET_NOT_REACHABLE = Sense.of(SenseKey.COPY_ABORTED, 0x0D, 0x02);
    static final Sense COPY_ABORTED = Sense.of(SenseKey.COPY_ABORTED, 0x00, 0x00);

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, SERVICE_ACTION, OPCODE, 0x1F, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    /** A resolved CSCD descriptor: the unit it names and the block length the descriptor claims. */
    record Target(MappedUnit unit, boolean nul) {
    }

    /** A block-to-block segment. */
    record Segment(int source, int destination, boolean destinationCounts, int blocks, long sourceLba,
                   long destinationLba) {
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        long parameterLength = Bytes.u32(cdb, 10);
        ctx.declareTransferLength(parameterLength);
        if (parameterLength == 0) {
            return CommandResponse.good();
        }
        if (parameterLength < HEADER || ctx.dataOutLength() < parameterLength) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        if (parameterLength > HEADER + MAX_DESCRIPTOR_LIST_LENGTH) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        ByteBuf dataOut = ctx.dataOut();
        byte[] list = ByteBufUtil.getBytes(dataOut, dataOut.readerIndex(), (int) parameterLength);
        int listId = Bytes.u8(list, 0);
        int listIdUsage = (list[1] >> 3) & 0x03;
        int targetLength = Bytes.u16(list, 2);
        long segmentLength = Bytes.u32(list, 8);
        long inlineLength = Bytes.u32(list, 12);
        if (listIdUsage == 0x01 || (listIdUsage == 0x03 && listId != 0)) {
            throw SenseException.invalidFieldInParameterList(1, 4);
        }
        if (targetLength % TARGET_DESCRIPTOR != 0) {
            throw SenseException.invalidFieldInParameterList(2, -1);
        }
        if (targetLength / TARGET_DESCRIPTOR > MAX_TARGET_DESCRIPTORS) {
            throw SenseException.of(TOO_MANY_TARGET_DESCRIPTORS);
        }
        if (segmentLength > (long) MAX_SEGMENT_DESCRIPTORS * SEGMENT_DESCRIPTOR) {
            throw SenseException.of(TOO_MANY_SEGMENT_DESCRIPTORS);
        }
        if (inlineLength != 0) {
            throw SenseException.invalidFieldInParameterList(12, -1); // MAXIMUM INLINE DATA LENGTH is 0
        }
        if (HEADER + targetLength + segmentLength > parameterLength) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        List<Target> targets = parseTargets(ctx, list, targetLength);
        List<Segment> segments = parseSegments(list, HEADER + targetLength, (int) segmentLength);
        String initiator = ctx.nexus().initiatorPortName();
        int done = 0;
        long bytes = 0;
        try {
            for (Segment s : segments) {
                bytes += copy(ctx, targets, s);
                done++;
            }
        } catch (SenseException e) {
            if (listIdUsage != 0x03) {
                ctx.unit().copyResults().record(initiator, listId,
                        new CopyResults.Outcome(CopyResults.Outcome.FAILED, done, bytes));
            }
            throw e;
        }
        if (listIdUsage != 0x03) {
            ctx.unit().copyResults().record(initiator, listId,
                    new CopyResults.Outcome(CopyResults.Outcome.COMPLETED, done, bytes));
        }
        return CommandResponse.good();
    }

    private static List<Target> parseTargets(CommandContext ctx, byte[] list, int targetLength)
            throws SenseException {
        List<Target> targets = new ArrayList<>();
        for (int at = HEADER; at < HEADER + targetLength; at += TARGET_DESCRIPTOR) {
            int type = Bytes.u8(list, at);
            if (type != IDENTIFICATION_DESCRIPTOR) {
                throw SenseException.of(UNSUPPORTED_TARGET_DESCRIPTOR);
            }
            // LU ID TYPE (bits 7-6) is ignored: SPC-4 identifies the unit by the designator alone.
            boolean nul = (list[at + 1] & 0x20) != 0;
            int peripheralType = list[at + 1] & 0x1F;
            if (peripheralType != 0) {
                throw SenseException.invalidFieldInParameterList(at + 1, 4);
            }
            targets.add(new Target(nul ? null : resolve(ctx, list, at), nul));
        }
        return targets;
    }

    /** Finds the mapped unit whose NAA designator the identification descriptor at {@code at} carries. */
    private static MappedUnit resolve(CommandContext ctx, byte[] list, int at) throws SenseException {
        int designatorType = list[at + 5] & 0x0F;
        int length = Bytes.u8(list, at + 7);
        if (designatorType != DESIGNATOR_TYPE_NAA || length > 20) {
            throw SenseException.of(COPY_TARGET_NOT_REACHABLE);
        }
        byte[] designator = Arrays.copyOfRange(list, at + 8, at + 8 + length);
        int blockLength = Bytes.u24(list, at + 29);
        for (MappedUnit m : ctx.nexus().mappedUnits()) {
            if (Arrays.equals(m.unit().spec().naaId(), designator)) {
                if (blockLength != 0 && blockLength != m.unit().spec().logicalBlockSize()) {
                    throw SenseException.invalidFieldInParameterList(at + 29, -1);
                }
                return m;
            }
        }
        throw SenseException.of(COPY_TARGET_NOT_REACHABLE);
    }

    private static List<Segment> parseSegments(byte[] list, int start, int length) throws SenseException {
        List<Segment> segments = new ArrayList<>();
        int at = start;
        int end = start + length;
        while (at < end) {
            if (end - at < 4) {
                throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
            }
            int type = Bytes.u8(list, at);
            if (type != BLOCK_TO_BLOCK) {
                throw SenseException.of(UNSUPPORTED_SEGMENT_DESCRIPTOR);
            }
            int descriptorLength = Bytes.u16(list, at + 2);
            if (descriptorLength != SEGMENT_DESCRIPTOR - 4 || end - at < SEGMENT_DESCRIPTOR) {
                throw SenseException.invalidFieldInParameterList(at + 2, -1);
            }
            if ((list[at + 1] & 0x01) != 0) {
                throw SenseException.invalidFieldInParameterList(at + 1, 0); // CAT: no residue handling
            }
            segments.add(new Segment(Bytes.u16(list, at + 4), Bytes.u16(list, at + 6), (list[at + 1] & 0x02) != 0,
                    Bytes.u16(list, at + 10), Bytes.u64(list, at + 12), Bytes.u64(list, at + 20)));
            at += SEGMENT_DESCRIPTOR;
        }
        return segments;
    }

    /** Copies one segment; returns the bytes written. */
    private static long copy(CommandContext ctx, List<Target> targets, Segment s) throws SenseException {
        if (s.source() >= targets.size() || s.destination() >= targets.size()) {
            throw SenseException.of(COPY_TARGET_NOT_REACHABLE);
        }
        Target src = targets.get(s.source());
        Target dst = targets.get(s.destination());
        if (src.nul() || dst.nul()) {
            throw SenseException.of(COPY_ABORTED); // null (no-op) targets are not supported
        }
        CommandContext from = ctx.forUnit(src.unit());
        CommandContext to = ctx.forUnit(dst.unit());
        int srcBs = from.blockSize();
        int dstBs = to.blockSize();
        long bytes = (long) s.blocks() * (s.destinationCounts() ? dstBs : srcBs);
        if (bytes % srcBs != 0 || bytes % dstBs != 0) {
            throw SenseException.of(COPY_ABORTED);
        }
        long srcBlocks = bytes / srcBs;
        long dstBlocks = bytes / dstBs;
        if (outside(s.sourceLba(), srcBlocks, from.blocks()) || outside(s.destinationLba(), dstBlocks, to.blocks())) {
            throw SenseException.of(COPY_ABORTED);
        }
        if (to.writeProtected()) {
            throw SenseException.of(SenseCodes.WRITE_PROTECTED);
        }
        if (bytes == 0) {
            return 0;
        }
        boolean durable = !to.modePages().writeCacheEnabled();
        boolean sameUnit = src.unit().unit() == dst.unit().unit();
        long srcStart = s.sourceLba() * srcBs;
        long dstStart = s.destinationLba() * dstBs;
        // Within one unit, a forward copy onto a later overlapping range would read blocks it already wrote.
        boolean backwards = sameUnit && dstStart > srcStart && dstStart < srcStart + bytes;
        long chunk = Math.max(CHUNK_BYTES / Math.max(srcBs, dstBs), 1) * Math.max(srcBs, dstBs);
        long pieces = (bytes + chunk - 1) / chunk;
        for (long i = 0; i < pieces; i++) {
            long piece = backwards ? pieces - 1 - i : i;
            long offset = piece * chunk;
            int n = (int) Math.min(chunk, bytes - offset);
            long dstLba = (dstStart + offset) / dstBs;
            try (BlockRangeLock.Held held = to.unit().rangeLock().lock(dstLba, n / dstBs)) {
                ByteBuf data = BackendIo.read(from, (srcStart + offset) / srcBs, n / srcBs);
                try {
                    BackendIo.write(to, dstLba, data, n, durable);
                } finally {
                    data.release();
                }
            }
        }
        return bytes;
    }

    private static boolean outside(long lba, long blocks, long capacity) {
        return Long.compareUnsigned(lba, capacity) >= 0 || blocks > capacity - lba;
    }
}
