package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.vpd.VpdPages;
import java.util.List;

/**
 * WRITE ATOMIC (16) 9Ch (SBC-4 5.48): a write that other commands see either entirely or not at all. It holds the
 * unit's {@link BlockRangeLock} for its range while it writes, and every command that reads-modifies-writes or
 * writes takes the same lock, so none interleaves with it. Lengths are limited to MAXIMUM ATOMIC TRANSFER LENGTH;
 * atomic boundaries are not supported (MAXIMUM ATOMIC BOUNDARY SIZE 0), so ATOMIC BOUNDARY must be 0.
 */
public final class WriteAtomic16 implements CommandProcessor {
    public static final int OPCODE = 0x9C;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        long lba = Bytes.u64(cdb, 2);
        int boundary = Bytes.u16(cdb, 10);
        long blocks = Bytes.u16(cdb, 12);
        int bs = ctx.blockSize();
        long needed = blocks * bs;
        ctx.declareTransferLength(needed);
        ProtectionField.requireNone(cdb);
        if (boundary != 0) {
            throw SenseException.invalidFieldInCdb(10, -1);
        }
        new BlockRange(lba, blocks, 12).checkWithin(ctx.blocks());
        if (blocks > VpdPages.maxAtomicTransferBlocks(bs)) {
            throw SenseException.invalidFieldInCdb(12, -1);
        }
        if (ctx.writeProtected()) {
            throw SenseException.of(SenseCodes.WRITE_PROTECTED);
        }
        if (blocks == 0) {
            return CommandResponse.good();
        }
        if (ctx.dataOutLength() < needed) {
            // Writing only the blocks that arrived would be exactly the torn write this command rules out.
            throw SenseException.of(SenseCodes.INVALID_FIELD_IN_COMMAND_IU);
        }
        boolean fua = (cdb[1] & Write.FUA) != 0;
        try (BlockRangeLock.Held held = ctx.unit().rangeLock().lock(lba, blocks)) {
            BackendIo.write(ctx, lba, ctx.dataOut(), (int) needed, fua || !ctx.modePages().writeCacheEnabled());
        }
        return CommandResponse.good();
    }
}
