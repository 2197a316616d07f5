package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * READ CAPACITY (10) (25h): last LBA (FFFFFFFFh when it does not fit, telling the initiator to use READ CAPACITY
 * (16)) and block length. With PMI=0 the LBA field must be 0; with PMI=1 the answer is the same, since no LBA
 * boundary on this medium causes a delay.
 */
public final class ReadCapacity10 implements CommandProcessor {
    public static final int OPCODE = 0x25;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x01,
                0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean pmi = (cdb[8] & 0x01) != 0;
        if (!pmi && Bytes.u32(cdb, 2) != 0) {
            throw SenseException.invalidFieldInCdb(2, -1);
        }
        byte[] data = new byte[8];
        Bytes.put32(data, 0, Math.min(ctx.blocks() - 1, 0xFFFFFFFFL));
        Bytes.put32(data, 4, ctx.blockSize());
        return CommandResponse.dataIn(data, data.length);
    }
}
