package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * WRITE AND VERIFY (10) 2Eh, (12) AEh and (16) 8Eh: a durable write, then the blocks are read back and compared
 * with the Data-Out (medium verification and byte check alike). Data-Out handling: see {@link DataOutRule}.
 */
public final class WriteAndVerify implements CommandProcessor {
    public static final int WRITE_VERIFY_10 = 0x2E;
    public static final int WRITE_VERIFY_12 = 0xAE;
    public static final int WRITE_VERIFY_16 = 0x8E;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(WRITE_VERIFY_10, -1, WRITE_VERIFY_10, 0xF2, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xFF,
                        0xFF, 0x00),
                CommandDescriptor.of(WRITE_VERIFY_12, -1, WRITE_VERIFY_12, 0xF2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xFF, 0xFF, 0x00, 0x00),
                CommandDescriptor.of(WRITE_VERIFY_16, -1, WRITE_VERIFY_16, 0xF2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        ProtectionField.requireNone(cdb);
        if (((cdb[1] >> 1) & 0x03) > 1) {
            throw SenseException.invalidFieldInCdb(1, 2);
        }
        BlockRange range = BlockRange.decode(cdb, false);
        long needed = range.byteLength(ctx.blockSize());
        ctx.declareTransferLength(needed);
        range.checkWithin(ctx.blocks()).checkTransferLimit(ctx);
        if (ctx.writeProtected()) {
            throw SenseException.of(SenseCodes.WRITE_PROTECTED);
        }
        int usable = DataOutRule.usableBytes(ctx, needed);
        if (usable > 0) {
            long blocks = usable / ctx.blockSize();
            try (BlockRangeLock.Held held = ctx.unit().rangeLock().lock(range.lba(), blocks)) {
                BackendIo.write(ctx, range.lba(), ctx.dataOut(), usable, true);
                Verify.compare(ctx, range.lba(), blocks, ctx.dataOut(), usable);
            }
        }
        return CommandResponse.good();
    }
}
