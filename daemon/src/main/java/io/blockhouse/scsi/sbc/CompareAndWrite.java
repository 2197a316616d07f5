package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.vpd.VpdPages;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * COMPARE AND WRITE (89h, SBC-3 5.2): the Data-Out holds N blocks of verify data then N blocks of write data; the
 * blocks on the medium are compared with the verify data and, only when all are equal, replaced by the write data.
 * The unit's {@link BlockRangeLock} is held from the read to the write, and every write takes it too, so no other
 * command can change the blocks in between (VMware's ATS heartbeat relies on exactly this). A difference ends in
 * MISCOMPARE DURING VERIFY OPERATION (1D/00) with INFORMATION = offset of the first differing byte, and nothing is
 * written.
 */
public final class CompareAndWrite implements CommandProcessor {
    public static final int OPCODE = 0x89;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0x00, 0x00, 0x00, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        int bs = ctx.blockSize();
        long lba = Bytes.u64(cdb, 2);
        int blocks = Bytes.u8(cdb, 13);
        long needed = 2L * blocks * bs;
        ctx.declareTransferLength(needed);
        ProtectionField.requireNone(cdb);
        if (blocks > VpdPages.MAX_COMPARE_AND_WRITE_BLOCKS) {
            throw SenseException.invalidFieldInCdb(13, -1);
        }
        new BlockRange(lba, blocks, 13).checkWithin(ctx.blocks());
        if (ctx.writeProtected()) {
            throw SenseException.of(SenseCodes.WRITE_PROTECTED);
        }
        if (ctx.dataOutLength() != needed) {
            // Half a compare or half a write would both be wrong, and Data-Out the CDB does not account for means
            // initiator and CDB disagree on N (libiscsi sends N=256, which wraps to 0): refuse rather than guess.
            throw SenseException.invalidFieldInCdb(13, -1);
        }
        if (blocks == 0) {
            return CommandResponse.good();
        }
        ByteBuf dataOut = ctx.dataOut();
        int half = blocks * bs;
        boolean fua = (cdb[1] & Write.FUA) != 0;
        try (BlockRangeLock.Held held = ctx.unit().rangeLock().lock(lba, blocks)) {
            ByteBuf medium = BackendIo.read(ctx, lba, blocks);
            try {
                long at = ByteCompare.firstMismatch(medium, medium.readerIndex(), dataOut, dataOut.readerIndex(),
                        half);
                if (at >= 0) {
                    throw SenseException.miscompare(at);
                }
            } finally {
                medium.release();
            }
            ByteBuf writeData = dataOut.slice(dataOut.readerIndex() + half, half);
            BackendIo.write(ctx, lba, writeData, half, fua || !ctx.modePages().writeCacheEnabled());
        }
        return CommandResponse.good();
    }
}
