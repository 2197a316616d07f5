package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.util.ArrayList;
import java.util.List;

/**
 * PERSISTENT RESERVE OUT / REGISTER (00h) and REGISTER AND IGNORE EXISTING KEY (06h): registers, changes or (with
 * a zero service action key) removes the I_T nexus's key. REGISTER with SPEC_I_PT also registers the I_T nexuses
 * named by the TransportID list that follows the basic parameters (SPC-4 6.16.3: TRANSPORTID PARAMETER DATA
 * LENGTH at byte 24, TransportIDs from byte 28).
 */
public final class Register extends ProutServiceAction {
    public static final int REGISTER = 0x00;
    public static final int REGISTER_AND_IGNORE_EXISTING_KEY = 0x06;

    private final boolean ignoreExisting;

    private Register(int serviceAction, boolean ignoreExisting) {
        super(serviceAction);
        this.ignoreExisting = ignoreExisting;
    }

    public static Register register() {
        return new Register(REGISTER, false);
    }

    public static Register registerAndIgnoreExistingKey() {
        return new Register(REGISTER_AND_IGNORE_EXISTING_KEY, true);
    }

    @Override
    void perform(CommandContext ctx, byte[] cdb, byte[] list) throws SenseException {
        boolean spec = specIPt(list);
        List<TransportId.Parsed> additional = spec && !ignoreExisting ? transportIds(list) : List.of();
        if (!spec) {
            requireBasicLength(list);
        }
        ctx.unit().reservations().register(ctx.nexus(), reservationKey(list), serviceActionKey(list), ignoreExisting,
                spec, allTgPt(list), aptpl(list), additional);
    }

    private static List<TransportId.Parsed> transportIds(byte[] list) throws SenseException {
        if (list.length < BASIC_LENGTH + 4) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        long idsLength = Bytes.u32(list, BASIC_LENGTH);
        int end = BASIC_LENGTH + 4;
        if (idsLength > list.length - end) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        int limit = end + (int) idsLength;
        List<TransportId.Parsed> ids = new ArrayList<>();
        int at = end;
        while (at < limit) {
            TransportId.Parsed t = TransportId.parse(list, at, limit);
            ids.add(t);
            at += t.length();
        }
        return ids;
    }
}
