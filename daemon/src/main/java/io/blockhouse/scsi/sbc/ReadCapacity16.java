package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * READ CAPACITY (16), service action 10h of SERVICE ACTION IN (16) (9Eh): last LBA, block length, no protection,
 * no thin provisioning.
 */
public final class ReadCapacity16 implements CommandProcessor {
    public static final int OPCODE = 0x9E;
    public static final int SERVICE_ACTION = 0x10;
    static final int LENGTH = 32;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, SERVICE_ACTION, OPCODE, 0x1F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean pmi = (cdb[14] & 0x01) != 0;
        if (!pmi && Bytes.u64(cdb, 2) != 0) {
            throw SenseException.invalidFieldInCdb(2, -1);
        }
        byte[] data = new byte[LENGTH];
        Bytes.put64(data, 0, ctx.blocks() - 1);
        Bytes.put32(data, 8, ctx.blockSize());
        // LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT stays 0: the back-end contract makes the logical block a
        // multiple of the back-end's sector, never a fraction of it.
        return CommandResponse.dataIn(data, Bytes.u32(cdb, 10));
    }
}
