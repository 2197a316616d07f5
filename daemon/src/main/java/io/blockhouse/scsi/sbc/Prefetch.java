package io.blockhouse.scsi.sbc;

import io.blockhouse.backend.Prefetchable;
import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.vpd.VpdPages;
import java.io.IOException;
import java.util.List;

/**
 * PRE-FETCH (10) 34h and (16) 90h (SBC-3 5.9/5.10): asks the back-end to bring the blocks into its cache (the page
 * cache through posix_fadvise WILLNEED for buffered files; RAM is its own cache). CONDITION MET says the whole range
 * fits the cache and is on its way; GOOD says it does not (no cache, as with O_DIRECT, or a 0-length "to the end"
 * range longer than MAXIMUM PREFETCH LENGTH, of which only the first part is requested). The advice never waits for
 * the reads, so IMMED changes nothing about when status is returned.
 */
public final class Prefetch implements CommandProcessor {
    public static final int PREFETCH_10 = 0x34;
    public static final int PREFETCH_16 = 0x90;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(PREFETCH_10, -1, PREFETCH_10, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F, 0xFF, 0xFF,
                        0x00),
                CommandDescriptor.of(PREFETCH_16, -1, PREFETCH_16, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean sixteen = (cdb[0] & 0xFF) == PREFETCH_16;
        long lba = sixteen ? Bytes.u64(cdb, 2) : Bytes.u32(cdb, 2);
        long blocks = sixteen ? Bytes.u32(cdb, 10) : Bytes.u16(cdb, 7);
        long capacity = ctx.blocks();
        if (Long.compareUnsigned(lba, capacity) >= 0 || blocks > capacity - lba) {
            throw SenseException.of(SenseCodes.LBA_OUT_OF_RANGE);
        }
        long max = VpdPages.maxTransferBlocks(ctx.blockSize());
        if (blocks > max) {
            throw SenseException.invalidFieldInCdb(sixteen ? 10 : 7, -1);
        }
        boolean toTheEnd = blocks == 0;
        long wanted = toTheEnd ? capacity - lba : blocks;
        long requested = Math.min(wanted, max);
        if (!(ctx.backend() instanceof Prefetchable cache)) {
            return CommandResponse.good();
        }
        int bs = ctx.blockSize();
        boolean cached;
        try {
            cached = cache.prefetch(lba * bs, requested * bs);
        } catch (IOException | RuntimeException e) {
            // Only advice failed; the data is still readable. Saying "not cached" is the honest answer.
            cached = false;
        }
        return cached && requested == wanted ? CommandResponse.inCache() : CommandResponse.good();
    }
}
