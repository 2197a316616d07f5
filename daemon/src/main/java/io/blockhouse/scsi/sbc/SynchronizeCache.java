package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * SYNCHRONIZE CACHE (10) 35h and (16) 91h. The back-end can only flush everything, which satisfies any range; the
 * range is still checked. IMMED is accepted but the flush completes before status (stronger than asked).
 */
public final class SynchronizeCache implements CommandProcessor {
    public static final int SYNC_10 = 0x35;
    public static final int SYNC_16 = 0x91;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(SYNC_10, -1, SYNC_10, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0xFF, 0x00),
                CommandDescriptor.of(SYNC_16, -1, SYNC_16, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean sixteen = (cdb[0] & 0xFF) == SYNC_16;
        long lba = sixteen ? Bytes.u64(cdb, 2) : Bytes.u32(cdb, 2);
        long blocks = sixteen ? Bytes.u32(cdb, 10) : Bytes.u16(cdb, 7);
        long capacity = ctx.blocks();
        // NUMBER OF LOGICAL BLOCKS 0 means "to the end of the medium".
        if (Long.compareUnsigned(lba, capacity) >= 0 || blocks > capacity - lba) {
            throw SenseException.of(SenseCodes.LBA_OUT_OF_RANGE);
        }
        BackendIo.flush(ctx);
        return CommandResponse.good();
    }
}
