package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * START STOP UNIT (1Bh) for a fixed, always spinning medium: the unit stays ready whatever START says. LOEJ is
 * rejected (nothing to eject), reserved power conditions too. A stop without NO_FLUSH flushes the write cache, as
 * a real disk does before spinning down.
 */
public final class StartStopUnit implements CommandProcessor {
    public static final int OPCODE = 0x1B;

    private static final int LOEJ = 0x02;
    private static final int START = 0x01;
    private static final int NO_FLUSH = 0x04;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0x01, 0x00, 0x0F, 0xF7, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return true;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        int powerCondition = (cdb[4] >> 4) & 0x0F;
        switch (powerCondition) {
            case 0x0, 0x1, 0x2, 0x3, 0x7, 0xA, 0xB -> {
            }
            default -> throw SenseException.invalidFieldInCdb(4, 7);
        }
        if ((cdb[4] & LOEJ) != 0) {
            throw SenseException.invalidFieldInCdb(4, 1); // the medium is not removable
        }
        boolean stop = powerCondition == 0 && (cdb[4] & START) == 0;
        if (stop && (cdb[4] & NO_FLUSH) == 0) {
            BackendIo.flush(ctx);
        }
        return CommandResponse.good();
    }
}
