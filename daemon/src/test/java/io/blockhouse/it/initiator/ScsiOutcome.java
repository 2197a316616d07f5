package io.blockhouse.it.initiator;

import java.util.HexFormat;

/**
 * How a SCSI command ended.
 *
 * @param response        iSCSI Response code (0 = command completed at target)
 * @param status          SCSI status byte (0 GOOD, 2 CHECK CONDITION, ...)
 * @param sense           sense data (empty unless CHECK CONDITION)
 * @param data            Data-In bytes received (trimmed to what the target sent)
 * @param residual        residual count reported by the target
 * @param underflow       U bit: the target transferred less than the expected length
 * @param overflow        O bit: the target had more than the expected length
 */
public record ScsiOutcome(int response, int status, byte[] sense, byte[] data, int residual, boolean underflow,
                          boolean overflow) {

    public static final int GOOD = 0x00;
    public static final int CHECK_CONDITION = 0x02;

    public boolean good() {
        return response == 0 && status == GOOD;
    }

    /** Sense key from fixed (0x70/0x71) or descriptor (0x72/0x73) sense data, or -1 without sense. */
    public int senseKey() {
        if (sense.length < 3) {
            return -1;
        }
        int format = sense[0] & 0x7f;
        return format >= 0x72 ? sense[1] & 0x0f : sense[2] & 0x0f;
    }

    /** Additional sense code, or -1. */
    public int asc() {
        int format = sense.length > 0 ? sense[0] & 0x7f : 0;
        if (format >= 0x72) {
            return sense.length > 2 ? sense[2] & 0xff : -1;
        }
        return sense.length > 12 ? sense[12] & 0xff : -1;
    }

    /** Additional sense code qualifier, or -1. */
    public int ascq() {
        int format = sense.length > 0 ? sense[0] & 0x7f : 0;
        if (format >= 0x72) {
            return sense.length > 3 ? sense[3] & 0xff : -1;
        }
        return sense.length > 13 ? sense[13] & 0xff : -1;
    }

    @Override
    public String toString() {
        return String.format("ScsiOutcome[response=0x%02x, status=0x%02x, sense=%s, key=%d asc=0x%x ascq=0x%x,"
                        + " data=%d bytes, residual=%d%s%s]", response, status, HexFormat.of().formatHex(sense),
                senseKey(), asc(), ascq(), data.length, residual, underflow ? " U" : "", overflow ? " O" : "");
    }
}
