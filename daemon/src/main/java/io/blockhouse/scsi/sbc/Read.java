package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/** READ (6) 08h, (10) 28h, (12) A8h and (16) 88h. DPO and FUA are accepted (every read goes to the back-end). */
public final class Read implements CommandProcessor {
    public static final int READ_6 = 0x08;
    public static final int READ_10 = 0x28;
    public static final int READ_12 = 0xA8;
    public static final int READ_16 = 0x88;

    @Override
    public List<CommandDescriptor> descriptors() {
        return ReadWriteCdbLayouts.descriptors(READ_6, READ_10, READ_12, READ_16);
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public boolean inlineOnNonBlockingBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean six = (cdb[0] & 0xFF) == READ_6;
        if (!six) {
            ProtectionField.requireNone(cdb);
        }
        BlockRange range = BlockRange.decode(cdb, true);
        ctx.declareTransferLength(range.byteLength(ctx.blockSize()));
        range.checkWithin(ctx.blocks()).checkTransferLimit(ctx);
        if (range.blocks() == 0) {
            return CommandResponse.good();
        }
        return new CommandResponse(BackendIo.read(ctx, range.lba(), range.blocks()));
    }
}
