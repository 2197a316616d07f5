package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.vpd.StandardInquiryData;
import io.blockhouse.scsi.vpd.VpdPages;
import java.util.List;

/** INQUIRY (12h): standard data, or a vital product data page when EVPD is set. */
public final class Inquiry implements CommandProcessor {
    public static final int OPCODE = 0x12;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0x01, 0xFF, 0xFF, 0xFF, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        validate(cdb);
        boolean evpd = (cdb[1] & 0x01) != 0;
        int pageCode = Bytes.u8(cdb, 2);
        byte[] data = evpd
                ? VpdPages.page(pageCode, ctx.spec(), ctx.backend(), ctx.nexus())
                : StandardInquiryData.forUnit(ctx.spec());
        if (data == null) {
            throw SenseException.invalidFieldInCdb(2, -1);
        }
        if (!evpd) {
            data[5] |= (byte) StandardInquiryData.tpgs(ctx.nexus().portGroups().current().explicit());
        }
        return CommandResponse.dataIn(data, Bytes.u16(cdb, 3));
    }

    /** Checks the fields every INQUIRY must get right, mapped LUN or not. */
    public static void validate(byte[] cdb) throws SenseException {
        if ((cdb[1] & 0x02) != 0) {
            throw SenseException.invalidFieldInCdb(1, 1); // CMDDT is obsolete
        }
        if ((cdb[1] & 0x01) == 0 && cdb[2] != 0) {
            throw SenseException.invalidFieldInCdb(2, -1); // a page code needs EVPD
        }
    }
}
