package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * The SPC-2 RESERVE and RELEASE commands share their CDB layouts: a 6-byte form whose byte 1 bit 0 asks for an
 * (obsolete) extent reservation, and a 10-byte form whose 3RDPTY and LONGID bits ask for third-party reservations.
 * Neither is supported; what remains is the action on the whole logical unit for the calling I_T nexus.
 */
abstract class LegacyReservationCommand implements CommandProcessor {
    private final int opcode6;
    private final int opcode10;

    LegacyReservationCommand(int opcode6, int opcode10) {
        this.opcode6 = opcode6;
        this.opcode10 = opcode10;
    }

    /** Reserves or releases the logical unit for {@code nexus}. */
    abstract void apply(PersistentReservations reservations, ItNexus nexus);

    @Override
    public final List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(opcode6, -1, opcode6, 0x00, 0x00, 0x00, 0x00, 0x00),
                CommandDescriptor.of(opcode10, -1, opcode10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00));
    }

    @Override
    public final boolean usesBackend() {
        return false;
    }

    @Override
    public final CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        if ((cdb[0] & 0xFF) == opcode10 && (cdb[1] & 0x12) != 0) {
            throw SenseException.invalidFieldInCdb(1, (cdb[1] & 0x10) != 0 ? 4 : 1); // 3RDPTY / LONGID
        }
        if ((cdb[0] & 0xFF) == opcode6 && (cdb[1] & 0x01) != 0) {
            throw SenseException.invalidFieldInCdb(1, 0); // extent reservations (obsolete)
        }
        apply(ctx.unit().reservations(), ItNexus.of(ctx.nexus()));
        return CommandResponse.good();
    }
}
