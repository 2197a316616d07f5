package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS (A3h/0Dh): ABORT TASK, ABORT TASK SET, CLEAR TASK SET, LOGICAL UNIT
 * RESET and target reset (iSCSI TARGET WARM/COLD RESET); not CLEAR ACA, QUERY TASK or I_T NEXUS RESET.
 */
public final class ReportSupportedTaskManagementFunctions implements CommandProcessor {
    public static final int OPCODE = 0xA3;
    public static final int SERVICE_ACTION = 0x0D;

    private static final int ATS = 0x80;
    private static final int ATSS = 0x40;
    private static final int CTSS = 0x10;
    private static final int LURS = 0x08;
    private static final int TRS = 0x02;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, SERVICE_ACTION, OPCODE, 0x1F, 0x00, 0x00, 0x00, 0x00, 0xFF,
                0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        long allocation = Bytes.u32(ctx.cdb(), 6);
        if (allocation < 4) {
            throw SenseException.invalidFieldInCdb(6, -1); // SPC-4 6.40: must hold the whole 4-byte answer
        }
        return CommandResponse.dataIn(new byte[] {(byte) (ATS | ATSS | CTSS | LURS | TRS), 0, 0, 0}, allocation);
    }
}
