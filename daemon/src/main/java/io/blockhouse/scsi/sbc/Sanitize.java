package io.blockhouse.scsi.sbc;

import io.blockhouse.backend.BlockBackend;
import io.blockhouse.backend.Discardable;
import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.exec.LogicalUnitView;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * SANITIZE (48h, SBC-3 5.30) with the service actions this target can honour on every block: OVERWRITE (the
 * initialization pattern, OVERWRITE COUNT passes, optionally inverted between passes) and BLOCK ERASE (the whole
 * medium released on a back-end whose released blocks read as zeros: punched out of a file, zeroed in RAM).
 * CRYPTOGRAPHIC ERASE is not offered: nothing is encrypted. EXIT FAILURE MODE is accepted; a sanitize that fails
 * ends in CHECK CONDITION and leaves no failure mode to exit.
 *
 * <p>The operation runs on a thread of its own ({@link SanitizeState}), holding the range lock over the whole
 * medium; meanwhile the unit answers NOT READY, SANITIZE IN PROGRESS. With IMMED status returns once the command is
 * validated, otherwise when the operation ends; task management and resets end the command, never the operation.
 */
public final class Sanitize implements CommandProcessor {
    public static final int OPCODE = 0x48;
    static final int OVERWRITE = 0x01;
    static final int BLOCK_ERASE = 0x02;
    static final int EXIT_FAILURE_MODE = 0x1F;
    private static final int IMMED = 0x80;

    private static final int HEADER = 4;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(OPCODE, OVERWRITE, OPCODE, 0xBF, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0x00),
                CommandDescriptor.of(OPCODE, BLOCK_ERASE, OPCODE, 0xBF, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0x00),
                CommandDescriptor.of(OPCODE, EXIT_FAILURE_MODE, OPCODE, 0xBF, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0x00));
    }

    /** BLOCK ERASE only where released blocks read as zeros; anything else would leave old data readable. */
    @Override
    public boolean offers(CommandDescriptor d, LogicalUnitView unit) {
        return d.serviceAction() != BLOCK_ERASE || erasesToZeros(unit.backend());
    }

    private static boolean erasesToZeros(BlockBackend backend) {
        return backend instanceof Discardable d && d.discardReadsZeros();
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        int serviceAction = cdb[1] & 0x1F;
        int parameterLength = Bytes.u16(cdb, 7);
        ctx.declareTransferLength(parameterLength);
        if ((cdb[1] & 0x40) != 0) {
            throw SenseException.invalidFieldInCdb(1, 6);
        }
        for (int i = 2; i <= 6; i++) {
            if (cdb[i] != 0) {
                throw SenseException.invalidFieldInCdb(i, -1);
            }
        }
        if (ctx.writeProtected()) {
            throw SenseException.of(SenseCodes.WRITE_PROTECTED);
        }
        if (serviceAction != OVERWRITE && parameterLength != 0) {
            throw SenseException.invalidFieldInCdb(7, -1);
        }
        SanitizeState.Work work = switch (serviceAction) {
            case OVERWRITE -> overwrite(ctx, parameterLength);
            case BLOCK_ERASE -> blockErase(ctx);
            case EXIT_FAILURE_MODE -> null; // never in failure mode: nothing to leave
            default -> throw SenseException.invalidFieldInCdb(1, 4);
        };
        if (work == null) {
            return CommandResponse.good();
        }
        CompletableFuture<Void> done = ctx.unit().sanitizeState().start(ctx.spec().name(), work);
        if (done == null) {
            throw SenseException.of(SenseCodes.SANITIZE_IN_PROGRESS);
        }
        if ((cdb[1] & IMMED) != 0) {
            return CommandResponse.good();
        }
        // Without IMMED the command ends with the operation; an abort ends only the command.
        CompletableFuture.anyOf(done, ctx.abortRequested()).exceptionally(e -> null).join();
        if (!done.isDone()) {
            return CommandResponse.good(); // aborted meanwhile: the logical unit discards this result
        }
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SenseException sense) {
                throw sense;
            }
            throw new IllegalStateException("sanitize failed", e.getCause());
        }
        return CommandResponse.good();
    }

    /** The BLOCK ERASE work, once the command is known to be valid. */
    private static SanitizeState.Work blockErase(CommandContext ctx) throws SenseException {
        if (!erasesToZeros(ctx.backend())) {
            // A device's own discard may leave old data readable: that would be no erase at all.
            throw SenseException.invalidFieldInCdb(1, 4);
        }
        return () -> {
            try (BlockRangeLock.Held held = ctx.unit().rangeLock().lock(0, ctx.blocks())) {
                BackendIo.discard(ctx, 0, ctx.blocks());
                BackendIo.flush(ctx);
            }
        };
    }

    /**
     * The OVERWRITE work, once the parameter list is known to be valid; the pattern is copied out of the Data-Out,
     * which is released when the command returns while the work may go on.
     */
    private static SanitizeState.Work overwrite(CommandContext ctx, int parameterLength) throws SenseException {
        int bs = ctx.blockSize();
        // The list is the 4-byte header plus a pattern of 1..block size bytes.
        if (parameterLength <= HEADER || parameterLength > bs + HEADER) {
            throw SenseException.invalidFieldInCdb(7, -1);
        }
        if (ctx.dataOutLength() < parameterLength) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        ByteBuf list = ctx.dataOut();
        int base = list.readerIndex();
        boolean invert = (list.getByte(base) & 0x80) != 0;
        int test = (list.getByte(base) >> 5) & 0x03;
        int passes = list.getByte(base) & 0x1F;
        int patternLength = list.getUnsignedShort(base + 2);
        if (test != 0) {
            throw SenseException.invalidFieldInParameterList(0, 6);
        }
        if (passes == 0) {
            throw SenseException.invalidFieldInParameterList(0, 4);
        }
        if (patternLength == 0 || patternLength > parameterLength - HEADER) {
            throw SenseException.invalidFieldInParameterList(2, -1);
        }
        byte[] pattern = ByteBufUtil.getBytes(list, base + HEADER, patternLength);
        return () -> {
            byte[] fill = new byte[bs];
            ByteBuf block = Unpooled.wrappedBuffer(fill);
            try (BlockRangeLock.Held held = ctx.unit().rangeLock().lock(0, ctx.blocks())) {
                for (int pass = 0; pass < passes; pass++) {
                    // With INVERT, passes alternate between the pattern and its complement, ending on the pattern.
                    boolean inverted = invert && (passes - 1 - pass) % 2 == 1;
                    for (int i = 0; i < bs; i++) {
                        byte b = pattern[i % patternLength];
                        fill[i] = inverted ? (byte) ~b : b;
                    }
                    BackendIo.replicate(ctx, 0, ctx.blocks(), block, false);
                }
                BackendIo.flush(ctx);
            } finally {
                block.release();
            }
        };
    }
}
