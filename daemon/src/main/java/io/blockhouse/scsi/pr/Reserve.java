package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.sense.SenseException;

/** PERSISTENT RESERVE OUT / RESERVE (01h): creates a persistent reservation of the CDB's type for the caller. */
public final class Reserve extends ProutServiceAction {
    public static final int SERVICE_ACTION = 0x01;

    public Reserve() {
        super(SERVICE_ACTION);
    }

    @Override
    void perform(CommandContext ctx, byte[] cdb, byte[] list) throws SenseException {
        PrType type = scopeAndType(cdb);
        requireBasicLength(list);
        ctx.unit().reservations().reserve(ctx.nexus(), reservationKey(list), type);
    }
}
