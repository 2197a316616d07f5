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
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * WRITE SAME (10) 41h and (16) 93h (SBC-3 5.44/5.45): one block of Data-Out written to every block of the range.
 * NUMBER OF LOGICAL BLOCKS 0 means "to the end of the medium" (WSNZ is 0), within MAXIMUM WRITE SAME LENGTH.
 *
 * <p>On a thin unit whose released blocks read as zeros (LBPRZ), the UNMAP bit (or NDOB, no Data-Out, which means
 * zeros) releases the range instead of writing it, and so does a zero block (the zeroing fast path). With UNMAP
 * the blocks read as zeros afterwards whatever the Data-Out block held: SBC-3 lets the device server unmap when
 * asked to, and initiators (libiscsi's WRITE SAME UNMAP tests, Linux discard through WRITE SAME) rely on it.
 * Otherwise the block is replicated into large buffers and written in big pieces. ANCHOR is refused (ANC_SUP 0).
 */
public final class WriteSame implements CommandProcessor {
    public static final int WRITE_SAME_10 = 0x41;
    public static final int WRITE_SAME_16 = 0x93;

    private static final int ANCHOR = 0x10;
    private static final int UNMAP = 0x08;
    private static final int NDOB = 0x01;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(WRITE_SAME_10, -1, WRITE_SAME_10, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xFF,
                        0xFF, 0x00),
                CommandDescriptor.of(WRITE_SAME_16, -1, WRITE_SAME_16, 0xF9, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean sixteen = (cdb[0] & 0xFF) == WRITE_SAME_16;
        int bs = ctx.blockSize();
        boolean ndob = sixteen && (cdb[1] & NDOB) != 0;
        ctx.declareTransferLength(ndob ? 0 : bs);
        ProtectionField.requireNone(cdb);
        if ((cdb[1] & ANCHOR) != 0) {
            throw SenseException.invalidFieldInCdb(1, 4);
        }
        if (!sixteen && (cdb[1] & 0x07) != 0) {
            throw SenseException.invalidFieldInCdb(1, 2); // obsolete PBDATA/LBDATA, reserved
        }
        if (sixteen && (cdb[1] & 0x06) != 0) {
            throw SenseException.invalidFieldInCdb(1, 2);
        }
        long lba = sixteen ? Bytes.u64(cdb, 2) : Bytes.u32(cdb, 2);
        long blocks = sixteen ? Bytes.u32(cdb, 10) : Bytes.u16(cdb, 7);
        if (Long.compareUnsigned(lba, ctx.blocks()) >= 0) {
            throw SenseException.of(SenseCodes.LBA_OUT_OF_RANGE);
        }
        if (blocks == 0) {
            blocks = ctx.blocks() - lba;
        } else if (blocks > ctx.blocks() - lba) {
            throw SenseException.of(SenseCodes.LBA_OUT_OF_RANGE);
        }
        if (blocks > VpdPages.maxWriteSameBlocks(bs)) {
            throw SenseException.invalidFieldInCdb(sixteen ? 10 : 7, -1);
        }
        if (ctx.writeProtected()) {
            throw SenseException.of(SenseCodes.WRITE_PROTECTED);
        }
        ByteBuf block = ndob ? null : ctx.dataOut();
        if (!ndob && ctx.dataOutLength() != bs) {
            // The one block is the whole point of the command: without it there is nothing to write, and more than
            // one block means initiator and CDB disagree on what is being replicated (as COMPARE AND WRITE refuses).
            throw SenseException.of(SenseCodes.INVALID_FIELD_IN_COMMAND_IU);
        }
        boolean zeros = ndob || (block != null && isZero(block, bs));
        boolean unmap = (cdb[1] & UNMAP) != 0;
        boolean durable = !ctx.modePages().writeCacheEnabled();
        try (BlockRangeLock.Held held = ctx.unit().rangeLock().lock(lba, blocks)) {
            if ((unmap || zeros) && ctx.backend() instanceof Discardable d && d.discardReadsZeros()) {
                BackendIo.discard(ctx, lba, blocks);
                if (durable) {
                    BackendIo.flush(ctx);
                }
            } else if (block == null) {
                ByteBuf zero = Unpooled.directBuffer(bs).writeZero(bs);
                try {
                    BackendIo.replicate(ctx, lba, blocks, zero, durable);
                } finally {
                    zero.release();
                }
            } else {
                BackendIo.replicate(ctx, lba, blocks, block, durable);
            }
        }
        return CommandResponse.good();
    }

    private static boolean isZero(ByteBuf block, int bs) {
        ByteBuf zero = Unpooled.wrappedBuffer(new byte[bs]);
        return ByteCompare.firstMismatch(block, block.readerIndex(), zero, 0, bs) < 0;
    }
}
