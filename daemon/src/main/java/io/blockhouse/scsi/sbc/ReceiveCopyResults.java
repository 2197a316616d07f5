package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.vpd.VpdPages;
import java.util.List;

/**
 * RECEIVE COPY RESULTS (84h, SPC-4 6.18) for EXTENDED COPY (LID1): COPY STATUS (00h) of a list identifier this
 * initiator port used, and OPERATING PARAMETERS (03h), the copy manager's limits. Copies complete before EXTENDED
 * COPY returns status, so a status is always final; no data is held (RECEIVE DATA is not offered).
 */
public final class ReceiveCopyResults implements CommandProcessor {
    public static final int OPCODE = 0x84;
    static final int COPY_STATUS = 0x00;
    static final int OPERATING_PARAMETERS = 0x03;

    private static final int[] IMPLEMENTED_DESCRIPTORS = {ExtendedCopy.BLOCK_TO_BLOCK,
        ExtendedCopy.IDENTIFICATION_DESCRIPTOR};

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(OPCODE, COPY_STATUS, OPCODE, 0x1F, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                        0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00),
                CommandDescriptor.of(OPCODE, OPERATING_PARAMETERS, OPCODE, 0x1F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                        0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        long allocationLength = Bytes.u32(cdb, 10);
        int serviceAction = cdb[1] & 0x1F;
        byte[] data = serviceAction == OPERATING_PARAMETERS ? operatingParameters(ctx) : copyStatus(ctx, cdb);
        return CommandResponse.dataIn(data, allocationLength);
    }

    private static byte[] copyStatus(CommandContext ctx, byte[] cdb) throws SenseException {
        CopyResults.Outcome outcome = ctx.unit().copyResults().find(ctx.nexus().initiatorPortName(),
                Bytes.u8(cdb, 2));
        if (outcome == null) {
            throw SenseException.invalidFieldInCdb(2, -1); // no copy with this LIST IDENTIFIER
        }
        byte[] d = new byte[12];
        Bytes.put32(d, 0, 8);
        d[4] = (byte) outcome.status();
        Bytes.put16(d, 5, outcome.segmentsProcessed());
        long bytes = outcome.bytesTransferred();
        if (bytes <= 0xFFFFFFFFL) {
            d[7] = 0x00; // TRANSFER COUNT in bytes
            Bytes.put32(d, 8, bytes);
        } else {
            d[7] = 0x01; // in kibibytes
            Bytes.put32(d, 8, bytes >>> 10);
        }
        return d;
    }

    private static byte[] operatingParameters(CommandContext ctx) {
        byte[] d = new byte[44 + IMPLEMENTED_DESCRIPTORS.length];
        Bytes.put32(d, 0, d.length - 4);
        d[4] = 0x01; // SNLID: list identifiers are kept apart per initiator port
        Bytes.put16(d, 8, ExtendedCopy.MAX_TARGET_DESCRIPTORS);
        Bytes.put16(d, 10, ExtendedCopy.MAX_SEGMENT_DESCRIPTORS);
        Bytes.put32(d, 12, ExtendedCopy.MAX_DESCRIPTOR_LIST_LENGTH);
        Bytes.put32(d, 16, 0xFFFFL * ctx.blockSize()); // a segment's NUMBER OF BLOCKS is 16 bits
        // MAXIMUM INLINE DATA LENGTH, HELD DATA LIMIT and MAXIMUM STREAM DEVICE TRANSFER SIZE stay 0.
        Bytes.put16(d, 34, 1); // TOTAL CONCURRENT COPIES
        d[36] = 1; // MAXIMUM CONCURRENT COPIES
        d[37] = (byte) Integer.numberOfTrailingZeros(ctx.blockSize()); // DATA SEGMENT GRANULARITY (log2)
        d[43] = (byte) IMPLEMENTED_DESCRIPTORS.length;
        for (int i = 0; i < IMPLEMENTED_DESCRIPTORS.length; i++) {
            d[44 + i] = (byte) IMPLEMENTED_DESCRIPTORS[i];
        }
        return d;
    }
}
