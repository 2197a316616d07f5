package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * RESERVE (6) 16h and RESERVE (10) 56h (SPC-2 7.21, 7.22): reserves the whole logical unit for the I_T nexus.
 * Third-party reservations (3RDPTY, LONGID of the 10-byte form) and extents are not supported.
 */
public final class LegacyReserve implements CommandProcessor {
    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(CommandAccess.RESERVE_6, -1, CommandAccess.RESERVE_6, 0x00, 0x00, 0x00, 0x00,
                        0x00),
                CommandDescriptor.of(CommandAccess.RESERVE_10, -1, CommandAccess.RESERVE_10, 0x00, 0x00, 0x00, 0x00,
                        0x00, 0x00, 0x00, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        if ((cdb[0] & 0xFF) == CommandAccess.RESERVE_10 && (cdb[1] & 0x12) != 0) {
            throw SenseException.invalidFieldInCdb(1, (cdb[1] & 0x10) != 0 ? 4 : 1);
        }
        if ((cdb[0] & 0xFF) == CommandAccess.RESERVE_6 && (cdb[1] & 0x01) != 0) {
            throw SenseException.invalidFieldInCdb(1, 0); // extent reservations (obsolete)
        }
        ctx.unit().reservations().legacyReserve(ItNexus.of(ctx.nexus()));
        return CommandResponse.good();
    }
}
