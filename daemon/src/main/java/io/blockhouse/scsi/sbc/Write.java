package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.exec.WouldBlockException;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * WRITE (6) 0Ah, (10) 2Ah, (12) AAh and (16) 8Ah. A write is durable when FUA is set or the write cache is disabled
 * (WCE=0). How short or long Data-Out is handled: see {@link DataOutRule}.
 */
public final class Write implements CommandProcessor {
    public static final int WRITE_6 = 0x0A;
    public static final int WRITE_10 = 0x2A;
    public static final int WRITE_12 = 0xAA;
    public static final int WRITE_16 = 0x8A;

    static final int FUA = 0x08;

    @Override
    public List<CommandDescriptor> descriptors() {
        return ReadWriteCdbLayouts.descriptors(WRITE_6, WRITE_10, WRITE_12, WRITE_16);
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
    public boolean tryCachedWriteInline() {
        return true;
    }

    @Override
    public boolean durableWrite(CommandContext ctx) {
        byte[] cdb = ctx.cdb();
        boolean fua = (cdb[0] & 0xFF) != WRITE_6 && (cdb[1] & FUA) != 0;
        return fua || !ctx.modePages().writeCacheEnabled();
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean six = (cdb[0] & 0xFF) == WRITE_6;
        if (!six) {
            ProtectionField.requireNone(cdb);
        }
        BlockRange range = BlockRange.decode(cdb, true);
        long needed = range.byteLength(ctx.blockSize());
        ctx.declareTransferLength(needed);
        range.checkWithin(ctx.blocks()).checkTransferLimit(ctx);
        if (ctx.writeProtected()) {
            throw SenseException.of(SenseCodes.WRITE_PROTECTED);
        }
        int usable = DataOutRule.usableBytes(ctx, needed);
        if (usable > 0) {
            // Taken so a COMPARE AND WRITE or ORWRITE on these blocks never sees half of this write.
            try (BlockRangeLock.Held held = lockRange(ctx, range.lba(), usable / ctx.blockSize())) {
                BackendIo.write(ctx, range.lba(), ctx.dataOut(), usable, durableWrite(ctx));
            }
        }
        return CommandResponse.good();
    }

    /**
     * Tried on the network thread, the write must not wait for a command holding its blocks (a COMPARE AND WRITE
     * reading from the device, a WRITE SAME): it goes to the I/O threads instead.
     */
    private static BlockRangeLock.Held lockRange(CommandContext ctx, long lba, long blocks) {
        BlockRangeLock locks = ctx.unit().rangeLock();
        if (!ctx.mustNotBlock()) {
            return locks.lock(lba, blocks);
        }
        BlockRangeLock.Held held = locks.tryLock(lba, blocks);
        if (held == null) {
            throw WouldBlockException.INSTANCE;
        }
        return held;
    }
}
