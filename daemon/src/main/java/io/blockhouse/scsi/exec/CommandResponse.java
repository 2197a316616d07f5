package io.blockhouse.scsi.exec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Successful outcome of a command processor: GOOD, or CONDITION MET (PRE-FETCH). Errors are thrown as
 * {@link io.blockhouse.scsi.sense.SenseException} instead.
 *
 * @param dataIn       Data-In or null; ownership passes to the logical unit, which hands it on in the result
 * @param conditionMet true for CONDITION MET status instead of GOOD
 */
public record CommandResponse(ByteBuf dataIn, boolean conditionMet) {

    private static final CommandResponse CONDITION_MET = new CommandResponse(null, true);

    public CommandResponse(ByteBuf dataIn) {
        this(dataIn, false);
    }

    /** CONDITION MET, no data: PRE-FETCH saying the blocks are (being brought) in the cache. */
    public static CommandResponse inCache() {
        return CONDITION_MET;
    }

    private static final CommandResponse GOOD = new CommandResponse(null);

    public static CommandResponse good() {
        return GOOD;
    }

    /**
     * Data-In from a byte array built by the processor, cut to the CDB's allocation length (SPC-4 4.2.5.6: the
     * device server stops at the allocation length and that is not an error).
     */
    public static CommandResponse dataIn(byte[] data, long allocationLength) {
        int n = (int) Math.min(data.length, allocationLength);
        return new CommandResponse(Unpooled.wrappedBuffer(data, 0, n));
    }
}
