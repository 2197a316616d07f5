package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.sense.SenseException;

/** PERSISTENT RESERVE OUT / CLEAR (03h): removes every registration and the reservation. */
public final class Clear extends ProutServiceAction {
    public static final int SERVICE_ACTION = 0x03;

    public Clear() {
        super(SERVICE_ACTION);
    }

    @Override
    void perform(CommandContext ctx, byte[] cdb, byte[] list) throws SenseException {
        requireBasicLength(list);
        ctx.unit().reservations().clear(ctx.nexus(), reservationKey(list));
    }
}
