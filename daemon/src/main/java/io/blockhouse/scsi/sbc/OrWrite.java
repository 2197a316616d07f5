package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * ORWRITE (16) 8Bh (SBC-3 5.13): each block becomes the bitwise OR of its current contents and the Data-Out, under
 * the unit's {@link BlockRangeLock} so no other write lands between the read and the write. Data-Out handling
 * follows {@link DataOutRule}.
 */
public final class OrWrite implements CommandProcessor {
    public static final int OPCODE = 0x8B;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        ProtectionField.requireNone(cdb);
        BlockRange range = BlockRange.decode(cdb, false);
        int bs = ctx.blockSize();
        long needed = range.byteLength(bs);
        ctx.declareTransferLength(needed);
        range.checkWithin(ctx.blocks()).checkTransferLimit(ctx);
        if (ctx.writeProtected()) {
            throw SenseException.of(SenseCodes.WRITE_PROTECTED);
        }
        int usable = DataOutRule.usableBytes(ctx, needed);
        if (usable == 0) {
            return CommandResponse.good();
        }
        long blocks = usable / bs;
        boolean fua = (cdb[1] & Write.FUA) != 0;
        try (BlockRangeLock.Held held = ctx.unit().rangeLock().lock(range.lba(), blocks)) {
            ByteBuf medium = BackendIo.read(ctx, range.lba(), blocks);
            try {
                or(medium, ctx.dataOut(), usable);
                BackendIo.write(ctx, range.lba(), medium, usable, fua || !ctx.modePages().writeCacheEnabled());
            } finally {
                medium.release();
            }
        }
        return CommandResponse.good();
    }

    /** {@code target |= source}, over NIO views eight bytes at a time. */
    static void or(ByteBuf target, ByteBuf source, int length) {
        ByteBuffer t = target.nioBuffer(target.readerIndex(), length);
        int at = 0;
        for (ByteBuffer piece : source.nioBuffers(source.readerIndex(), length)) {
            ByteBuffer s = piece.duplicate();
            while (s.remaining() >= Long.BYTES) {
                t.putLong(at, t.getLong(at) | s.getLong());
                at += Long.BYTES;
            }
            while (s.hasRemaining()) {
                t.put(at, (byte) (t.get(at) | s.get()));
                at++;
            }
        }
    }
}
