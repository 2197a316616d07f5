package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.sense.SenseException;

/**
 * PERSISTENT RESERVE OUT / PREEMPT (04h) and PREEMPT AND ABORT (05h): removes the registrations holding the
 * service action key, taking over the reservation when they held it; PREEMPT AND ABORT also aborts their tasks.
 */
public final class Preempt extends ProutServiceAction {
    public static final int PREEMPT = 0x04;
    public static final int PREEMPT_AND_ABORT = 0x05;

    private final boolean abort;

    private Preempt(int serviceAction, boolean abort) {
        super(serviceAction);
        this.abort = abort;
    }

    public static Preempt preempt() {
        return new Preempt(PREEMPT, false);
    }

    public static Preempt preemptAndAbort() {
        return new Preempt(PREEMPT_AND_ABORT, true);
    }

    @Override
    void perform(CommandContext ctx, byte[] cdb, byte[] list) throws SenseException {
        PrType type = scopeAndType(cdb);
        requireBasicLength(list);
        ctx.unit().reservations().preempt(ctx.nexus(), reservationKey(list), serviceActionKey(list), type, abort);
    }
}
