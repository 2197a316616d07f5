package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.sense.SenseException;

/**
 * PERSISTENT RESERVE OUT / RELEASE (02h). A holder naming another scope or type gets INVALID RELEASE OF PERSISTENT
 * RESERVATION, which is why SCOPE and TYPE are passed on undecoded rather than rejected here.
 */
public final class Release extends ProutServiceAction {
    public static final int SERVICE_ACTION = 0x02;

    public Release() {
        super(SERVICE_ACTION);
    }

    @Override
    void perform(CommandContext ctx, byte[] cdb, byte[] list) throws SenseException {
        requireBasicLength(list);
        int scope = (cdb[2] & 0xF0) >>> 4;
        PrType type = scope == 0 ? PrType.fromCode(cdb[2] & 0x0F) : null;
        ctx.unit().reservations().release(ctx.nexus(), reservationKey(list), type);
    }
}
