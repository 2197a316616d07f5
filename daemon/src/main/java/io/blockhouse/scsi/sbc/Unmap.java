package io.blockhouse.scsi.sbc;

import io.blockhouse.backend.Discardable;
import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.vpd.VpdPages;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * UNMAP (42h, SBC-3 5.28): releases the ranges of the parameter list's block descriptors on a thin unit. Every
 * descriptor is checked (LBA range, the block limits VPD maxima) before anything is released, so a bad list changes
 * nothing. ANCHOR is refused: anchored blocks are not supported (ANC_SUP 0).
 */
public final class Unmap implements CommandProcessor {
    public static final int OPCODE = 0x42;
    private static final int HEADER = 8;
    private static final int DESCRIPTOR = 16;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF,
                0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    /** One block descriptor. */
    record Extent(long lba, long blocks) {
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        int parameterLength = Bytes.u16(cdb, 7);
        ctx.declareTransferLength(parameterLength);
        if (!(ctx.backend() instanceof Discardable)) {
            throw SenseException.of(SenseCodes.INVALID_COMMAND_OPERATION_CODE);
        }
        if ((cdb[1] & 0x01) != 0) {
            throw SenseException.invalidFieldInCdb(1, 0);
        }
        if (ctx.writeProtected()) {
            throw SenseException.of(SenseCodes.WRITE_PROTECTED);
        }
        if (parameterLength == 0) {
            return CommandResponse.good();
        }
        if (parameterLength < HEADER) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        byte[] list = parameterList(ctx, parameterLength);
        List<Extent> extents = parse(ctx, list);
        for (Extent e : extents) {
            try (BlockRangeLock.Held held = ctx.unit().rangeLock().lock(e.lba(), e.blocks())) {
                BackendIo.discard(ctx, e.lba(), e.blocks());
            }
        }
        if (!extents.isEmpty() && !ctx.modePages().writeCacheEnabled()) {
            // Without a write cache the zeros must survive a crash like any completed write.
            BackendIo.flush(ctx);
        }
        return CommandResponse.good();
    }

    private static byte[] parameterList(CommandContext ctx, int parameterLength) throws SenseException {
        int received = Math.min(ctx.dataOutLength(), parameterLength);
        if (received < HEADER) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        return ByteBufUtil.getBytes(ctx.dataOut(), ctx.dataOut().readerIndex(), received);
    }

    /** Decodes and checks every descriptor; descriptors with 0 blocks release nothing and are dropped. */
    static List<Extent> parse(CommandContext ctx, byte[] list) throws SenseException {
        int descriptorBytes = Bytes.u16(list, 2);
        // A block descriptor data length running past the list, or ending mid-descriptor, is cut back to the
        // whole descriptors actually present (SBC-3: a partial descriptor is ignored).
        int usable = Math.min(descriptorBytes, list.length - HEADER) / DESCRIPTOR;
        if (usable > VpdPages.MAX_UNMAP_DESCRIPTORS) {
            throw SenseException.invalidFieldInParameterList(2, -1);
        }
        List<Extent> extents = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < usable; i++) {
            int at = HEADER + i * DESCRIPTOR;
            long lba = Bytes.u64(list, at);
            long blocks = Bytes.u32(list, at + 8);
            total += blocks;
            if (blocks > VpdPages.MAX_UNMAP_BLOCKS || total > VpdPages.MAX_UNMAP_BLOCKS) {
                throw SenseException.invalidFieldInParameterList(at + 8, -1);
            }
            // LBA + blocks must not pass the end; 0 blocks at the end-of-medium LBA is a valid no-op.
            if (Long.compareUnsigned(lba, ctx.blocks()) > 0 || blocks > ctx.blocks() - lba) {
                throw SenseException.of(SenseCodes.LBA_OUT_OF_RANGE);
            }
            if (blocks > 0) {
                extents.add(new Extent(lba, blocks));
            }
        }
        return extents;
    }
}
