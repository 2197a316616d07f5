package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * RELEASE (6) 17h and RELEASE (10) 57h (SPC-2 7.17, 7.18): ends the I_T nexus's RESERVE reservation; from an I_T
 * nexus that does not hold it, it completes GOOD and changes nothing.
 */
public final class LegacyRelease implements CommandProcessor {
    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(CommandAccess.RELEASE_6, -1, CommandAccess.RELEASE_6, 0x00, 0x00, 0x00, 0x00,
                        0x00),
                CommandDescriptor.of(CommandAccess.RELEASE_10, -1, CommandAccess.RELEASE_10, 0x00, 0x00, 0x00, 0x00,
                        0x00, 0x00, 0x00, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        if ((cdb[0] & 0xFF) == CommandAccess.RELEASE_10 && (cdb[1] & 0x12) != 0) {
            throw SenseException.invalidFieldInCdb(1, (cdb[1] & 0x10) != 0 ? 4 : 1);
        }
        if ((cdb[0] & 0xFF) == CommandAccess.RELEASE_6 && (cdb[1] & 0x01) != 0) {
            throw SenseException.invalidFieldInCdb(1, 0);
        }
        ctx.unit().reservations().legacyRelease(ItNexus.of(ctx.nexus()));
        return CommandResponse.good();
    }
}
