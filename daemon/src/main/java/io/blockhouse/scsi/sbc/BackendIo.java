package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Back-end reads and writes for block commands, turning IOException into MEDIUM ERROR sense (and a log line). */
final class BackendIo {
    private static final Logger LOG = LoggerFactory.getLogger(BackendIo.class);

    private BackendIo() {
    }

    /**
     * Reads {@code blocks} blocks at {@code lba} into a new buffer. The caller owns the returned buffer.
     * On failure nothing is leaked and UNRECOVERED READ ERROR (11/00) is thrown.
     */
    static ByteBuf read(CommandContext ctx, long lba, long blocks) throws SenseException {
        int bs = ctx.blockSize();
        int length = Math.toIntExact(blocks * bs);
        ByteBuf buf = ctx.allocator().directBuffer(length, length);
        try {
            ByteBuffer nio = buf.nioBuffer(0, length);
            ctx.backend().read(lba * bs, nio);
            buf.writerIndex(length);
            return buf;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw failure(ctx, "read", lba, blocks, e, SenseCodes.UNRECOVERED_READ_ERROR);
        }
    }

    /** Writes {@code length} bytes of {@code src} starting at its reader index to block {@code lba}. */
    static void write(CommandContext ctx, long lba, ByteBuf src, int length, boolean durable) throws SenseException {
        int bs = ctx.blockSize();
        try {
            // A composite Data-Out is merged into one buffer so the back-end only sees block-aligned lengths.
            ByteBuffer nio = src.nioBuffer(src.readerIndex(), length);
            ctx.backend().write(lba * bs, nio, durable);
        } catch (IOException | RuntimeException e) {
            throw failure(ctx, "write", lba, length / bs, e, SenseCodes.WRITE_ERROR);
        }
    }

    /** SYNCHRONIZE CACHE and friends: a failed flush means acknowledged writes may be lost, a write error. */
    static void flush(CommandContext ctx) throws SenseException {
        try {
            ctx.backend().flush();
        } catch (IOException | RuntimeException e) {
            throw failure(ctx, "flush", 0, 0, e, SenseCodes.WRITE_ERROR);
        }
    }

    private static SenseException failure(CommandContext ctx, String op, long lba, long blocks, Exception e,
                                          Sense base) {
        LOG.error("LU {}: back-end {} failed at LBA {} ({} blocks) on {}", ctx.spec().name(), op,
                Long.toUnsignedString(lba), blocks, ctx.backend().describe(), e);
        Sense sense = op.equals("flush") ? base : new Sense(base.key(), base.asc(), base.ascq(), null, lba);
        return new SenseException(sense, e);
    }
}
