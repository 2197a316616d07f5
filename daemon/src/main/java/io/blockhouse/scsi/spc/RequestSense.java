package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseEncoder;
import java.util.List;

/**
 * REQUEST SENSE (03h): reports (and clears) the oldest pending unit attention of the initiator port, else NO SENSE,
 * in fixed or descriptor format as the DESC bit asks. Autosense makes other deferred sense unnecessary.
 */
public final class RequestSense implements CommandProcessor {
    public static final int OPCODE = 0x03;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0x01, 0x00, 0x00, 0xFF, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) {
        Sense pending = ctx.unit().takeUnitAttention(ctx.nexus().initiatorPortName());
        if (pending == null && ctx.unit().sanitizeState().inProgress()) {
            pending = SenseCodes.SANITIZE_IN_PROGRESS;
        }
        return respond(ctx.cdb(), pending != null ? pending : SenseCodes.NO_SENSE);
    }

    /** Sense data for {@code sense} in the format the CDB asks for, cut to the allocation length. */
    public static CommandResponse respond(byte[] cdb, Sense sense) {
        boolean descriptor = (cdb[1] & 0x01) != 0;
        return CommandResponse.dataIn(SenseEncoder.encode(sense, descriptor), Bytes.u8(cdb, 4));
    }
}
