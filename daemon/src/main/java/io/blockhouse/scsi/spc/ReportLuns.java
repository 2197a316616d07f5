package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.exec.LunCodec;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/** REPORT LUNS (A0h): the LUN inventory of the nexus's own LUN map. Works on any LUN, mapped or not. */
public final class ReportLuns implements CommandProcessor {
    public static final int OPCODE = 0xA0;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0x00, 0xFF, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
                0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        return respond(ctx.cdb(), ctx.nexus().mappedLuns());
    }

    /** The REPORT LUNS answer for {@code luns}, shared with the unmapped-LUN path. */
    public static CommandResponse respond(byte[] cdb, List<Integer> luns) throws SenseException {
        int select = Bytes.u8(cdb, 2);
        long allocation = Bytes.u32(cdb, 6);
        if (allocation < 16) {
            throw SenseException.invalidFieldInCdb(6, -1); // SPC-4 6.33: fewer than 16 bytes is an error
        }
        List<Integer> listed = switch (select) {
            case 0x00, 0x02 -> luns;
            case 0x01 -> List.of(); // well known LUNs: we have none
            default -> throw SenseException.invalidFieldInCdb(2, -1);
        };
        byte[] data = new byte[8 + 8 * listed.size()];
        Bytes.put32(data, 0, 8L * listed.size());
        for (int i = 0; i < listed.size(); i++) {
            Bytes.put64(data, 8 + 8 * i, LunCodec.encode(listed.get(i)));
        }
        return CommandResponse.dataIn(data, allocation);
    }
}
