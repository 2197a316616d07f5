package io.blockhouse.scsi.sbc;

import io.blockhouse.backend.AllocationMap;
import io.blockhouse.backend.Discardable;
import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * GET LBA STATUS, service action 12h of SERVICE ACTION IN (16) (9Eh, SBC-3 5.7): the provisioning status of the
 * blocks from the given LBA on, as a list of extents, each mapped (0) or deallocated (1). Back-ends that keep an
 * allocation map (files: SEEK_DATA / SEEK_HOLE) answer from it; the others report every block mapped.
 */
public final class GetLbaStatus implements CommandProcessor {
    public static final int OPCODE = 0x9E;
    public static final int SERVICE_ACTION = 0x12;

    private static final int MAPPED = 0;
    private static final int DEALLOCATED = 1;
    private static final int DESCRIPTOR = 16;
    private static final int HEADER = 8;
    /** Enough extents for any sane allocation length, and a bound on lseek calls per command. */
    private static final int MAX_DESCRIPTORS = 1024;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, SERVICE_ACTION, OPCODE, 0x1F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        long lba = Bytes.u64(cdb, 2);
        long allocationLength = Bytes.u32(cdb, 10);
        if (Long.compareUnsigned(lba, ctx.blocks()) >= 0) {
            throw SenseException.of(SenseCodes.LBA_OUT_OF_RANGE);
        }
        if (allocationLength == 0) {
            return CommandResponse.good();
        }
        // Descriptors that cannot be returned are not worth an lseek; at least one is always produced.
        int wanted = (int) Math.max(1, Math.min(MAX_DESCRIPTORS, (allocationLength - HEADER) / DESCRIPTOR));
        ByteArrayOutputStream descriptors = new ByteArrayOutputStream();
        int bs = ctx.blockSize();
        long at = lba;
        int count = 0;
        while (at < ctx.blocks() && count < wanted) {
            long maxBlocks = Math.min(ctx.blocks() - at, 0xFFFFFFFFL);
            long runBlocks;
            int status;
            if (ctx.backend() instanceof AllocationMap map && ctx.backend() instanceof Discardable) {
                AllocationMap.Extent e = extent(ctx, map, at, maxBlocks);
                // Extents come in file system blocks; a run ending inside a logical block ends after it.
                runBlocks = Math.min(maxBlocks, (e.length() + bs - 1) / bs);
                status = e.mapped() ? MAPPED : DEALLOCATED;
            } else {
                runBlocks = maxBlocks;
                status = MAPPED;
            }
            byte[] d = new byte[DESCRIPTOR];
            Bytes.put64(d, 0, at);
            Bytes.put32(d, 8, runBlocks);
            d[12] = (byte) status;
            descriptors.writeBytes(d);
            at += runBlocks;
            count++;
        }
        byte[] body = descriptors.toByteArray();
        byte[] data = new byte[HEADER + body.length];
        Bytes.put32(data, 0, data.length - 4); // PARAMETER DATA LENGTH: the bytes after this field
        System.arraycopy(body, 0, data, HEADER, body.length);
        return CommandResponse.dataIn(data, allocationLength);
    }

    private static AllocationMap.Extent extent(CommandContext ctx, AllocationMap map, long lba, long maxBlocks)
            throws SenseException {
        int bs = ctx.blockSize();
        try {
            return map.extentAt(lba * bs, maxBlocks * bs);
        } catch (IOException | RuntimeException e) {
            throw new SenseException(SenseCodes.UNRECOVERED_READ_ERROR, e);
        }
    }
}
