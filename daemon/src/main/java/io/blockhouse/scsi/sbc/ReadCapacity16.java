package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.vpd.Provisioning;
import java.util.List;

/**
 * READ CAPACITY (16), service action 10h of SERVICE ACTION IN (16) (9Eh): last LBA, block length, no protection,
 * and the logical block provisioning bits: LBPME when the unit is thin (its back-end can release space) and LBPRZ
 * when released blocks read as zeros.
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
        Provisioning provisioning = Provisioning.of(ctx.backend(), ctx.blockSize());
        if (provisioning.thin()) {
            data[14] = (byte) (0x80 | (provisioning.readsZeros() ? 0x40 : 0));
        }
        // LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT from the unit's configured physical block (the back-end's own
        // sector never exceeds the logical block); LOWEST ALIGNED LOGICAL BLOCK ADDRESS stays 0.
        data[13] = (byte) ctx.spec().logicalBlocksPerPhysicalBlockExponent();
        return CommandResponse.dataIn(data, Bytes.u32(cdb, 10));
    }
}
