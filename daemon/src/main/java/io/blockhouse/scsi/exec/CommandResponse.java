package io.blockhouse.scsi.exec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Successful (GOOD) outcome of a command processor. Errors are thrown as
 * {@link io.blockhouse.scsi.sense.SenseException} instead.
 *
 * @param dataIn Data-In or null; ownership passes to the logical unit, which hands it on in the result
 */
public record CommandResponse(ByteBuf dataIn) {

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
