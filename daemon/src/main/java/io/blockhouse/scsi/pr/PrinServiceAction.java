package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * PERSISTENT RESERVE IN (5Eh), one subclass per service action. The parameter data is built in full and cut to the
 * ALLOCATION LENGTH (CDB bytes 7-8); the lengths inside it always describe the full data (SPC-4 6.15.1), so an
 * initiator can retry with a larger buffer.
 */
abstract class PrinServiceAction implements CommandProcessor {
    private final int serviceAction;

    PrinServiceAction(int serviceAction) {
        this.serviceAction = serviceAction;
    }

    @Override
    public final List<CommandDescriptor> descriptors() {
        int op = CommandAccess.PERSISTENT_RESERVE_IN;
        return List.of(CommandDescriptor.of(op, serviceAction, op, 0x1F, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF,
                0x00));
    }

    @Override
    public final boolean usesBackend() {
        return false;
    }

    @Override
    public final CommandResponse execute(CommandContext ctx) throws SenseException {
        int allocation = Bytes.u16(ctx.cdb(), 7);
        return CommandResponse.dataIn(build(ctx.unit().reservations()), allocation);
    }

    /** The complete parameter data. */
    abstract byte[] build(PersistentReservations state);
}
