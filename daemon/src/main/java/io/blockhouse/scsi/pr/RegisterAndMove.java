package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;

/**
 * PERSISTENT RESERVE OUT / REGISTER AND MOVE (07h), SPC-4 6.16.4: its own parameter list (UNREG and APTPL in byte
 * 17, RELATIVE TARGET PORT IDENTIFIER in 18-19, TRANSPORTID PARAMETER DATA LENGTH in 20-23, one TransportID from
 * byte 24) moves the caller's reservation to another I_T nexus.
 */
public final class RegisterAndMove extends ProutServiceAction {
    public static final int SERVICE_ACTION = 0x07;

    public RegisterAndMove() {
        super(SERVICE_ACTION);
    }

    @Override
    void perform(CommandContext ctx, byte[] cdb, byte[] list) throws SenseException {
        long idLength = Bytes.u32(list, 20);
        if (idLength < 24 || idLength > list.length - BASIC_LENGTH) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        TransportId.Parsed destination = TransportId.parse(list, BASIC_LENGTH, BASIC_LENGTH + (int) idLength);
        boolean unregister = (list[17] & 0x02) != 0;
        boolean aptpl = (list[17] & 0x01) != 0;
        ctx.unit().reservations().registerAndMove(ctx.nexus(), reservationKey(list), serviceActionKey(list),
                unregister, aptpl, Bytes.u16(list, 18), destination);
    }
}
