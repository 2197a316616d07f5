package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * VERIFY (10) 2Fh, (12) AFh and (16) 8Fh. BYTCHK 00b only checks the range; 01b compares the Data-Out with the
 * medium; 11b compares one Data-Out block with every block of the range. A difference ends in MISCOMPARE (1D/00)
 * with INFORMATION set to the offset of the first differing byte.
 */
public final class Verify implements CommandProcessor {
    public static final int VERIFY_10 = 0x2F;
    public static final int VERIFY_12 = 0xAF;
    public static final int VERIFY_16 = 0x8F;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(VERIFY_10, -1, VERIFY_10, 0xF6, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0xFF, 0x00),
                CommandDescriptor.of(VERIFY_12, -1, VERIFY_12, 0xF6, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0x00, 0x00),
                CommandDescriptor.of(VERIFY_16, -1, VERIFY_16, 0xF6, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        ProtectionField.requireNone(cdb);
        int bytchk = (cdb[1] >> 1) & 0x03;
        if (bytchk == 2) {
            throw SenseException.invalidFieldInCdb(1, 2);
        }
        BlockRange range = BlockRange.decode(cdb, false);
        int bs = ctx.blockSize();
        long expected = bytchk == 0 ? 0 : bytchk == 1 ? range.byteLength(bs) : (range.blocks() == 0 ? 0 : bs);
        ctx.declareTransferLength(expected);
        range.checkWithin(ctx.blocks()).checkTransferLimit(ctx);
        if (bytchk == 0 || range.blocks() == 0) {
            return CommandResponse.good();
        }
        int usable = DataOutRule.usableBytes(ctx, expected);
        if (usable == 0) {
            return CommandResponse.good();
        }
        long blocksToCompare = bytchk == 1 ? usable / bs : range.blocks();
        compare(ctx, range.lba(), blocksToCompare, ctx.dataOut(), bytchk == 3 ? bs : usable);
        return CommandResponse.good();
    }

    /**
     * Reads {@code blocks} blocks at {@code lba} and compares them with {@code pattern} (repeated when shorter than
     * the range, for BYTCHK 11b). Throws MISCOMPARE at the first difference.
     */
    static void compare(CommandContext ctx, long lba, long blocks, ByteBuf dataOut, int patternLength)
            throws SenseException {
        ByteBuf medium = BackendIo.read(ctx, lba, blocks);
        try {
            long at = ByteCompare.firstMismatchRepeated(medium, dataOut, dataOut.readerIndex(), patternLength);
            if (at >= 0) {
                throw SenseException.miscompare(at);
            }
        } finally {
            medium.release();
        }
    }
}
