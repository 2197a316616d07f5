package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * READ DEFECT DATA (10) (37h) and (12) (B7h), SBC-3 5.19/5.20. A logical unit over a file, a block device or memory
 * has no medium defects of its own to report (the layers below remap theirs), so both the primary (PLIST) and the
 * grown (GLIST) list are valid and empty, in whichever address descriptor format the initiator asked for. The
 * reserved format 111b is refused.
 */
public final class ReadDefectData implements CommandProcessor {
    public static final int OPCODE_10 = 0x37;
    public static final int OPCODE_12 = 0xB7;

    private static final int REQ_PLIST = 0x10;
    private static final int REQ_GLIST = 0x08;
    private static final int FORMAT_MASK = 0x07;
    private static final int FORMAT_RESERVED = 0x07;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(
                CommandDescriptor.of(OPCODE_10, -1, OPCODE_10, 0x00, 0x1F, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF,
                        0x00),
                CommandDescriptor.of(OPCODE_12, -1, OPCODE_12, 0x1F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean twelve = (cdb[0] & 0xFF) == OPCODE_12;
        int flagsByte = twelve ? 1 : 2;
        int flags = cdb[flagsByte] & 0xFF;
        if ((flags & ~(REQ_PLIST | REQ_GLIST | FORMAT_MASK)) != 0) {
            throw SenseException.invalidFieldInCdb(flagsByte, -1);
        }
        int format = flags & FORMAT_MASK;
        if (format == FORMAT_RESERVED) {
            throw SenseException.invalidFieldInCdb(flagsByte, 2);
        }
        long allocationLength = twelve ? Bytes.u32(cdb, 6) : Bytes.u16(cdb, 7);
        // PLISTV/GLISTV echo what was requested: the list asked for is valid (and empty), the other is not sent.
        byte[] header = new byte[twelve ? 8 : 4];
        header[1] = (byte) (flags & (REQ_PLIST | REQ_GLIST | FORMAT_MASK));
        // DEFECT LIST LENGTH (bytes 2-3, or 4-7 for the 12-byte form) stays 0; so does the GENERATION CODE.
        return CommandResponse.dataIn(header, allocationLength);
    }
}
