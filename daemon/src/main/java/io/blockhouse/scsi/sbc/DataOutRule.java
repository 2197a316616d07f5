package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;

/**
 * How much of the Data-Out a block command consumes. This is the rule the iSCSI layer must match:
 *
 * <ul>
 *   <li>{@code ScsiResult.transferLength} of a WRITE / WRITE AND VERIFY / VERIFY(BYTCHK) is always the byte count
 *       the CDB asks for (transfer length x block size), on GOOD and on CHECK CONDITION alike, so the transport
 *       reports residual overflow (EDTL smaller) or underflow (EDTL larger) against it.</li>
 *   <li>Data-Out beyond what the CDB asks for is ignored (never written).</li>
 *   <li>When less Data-Out arrived than the CDB asks for (EDTL &lt; SPDTL), only whole blocks that arrived are
 *       processed and the command ends GOOD (FCP-4 style "process normally except data beyond EDTL"); an EDTL of 0
 *       therefore writes nothing and succeeds.</li>
 *   <li>When that shorter Data-Out does not end on a block boundary, nothing is written and the command fails with
 *       ILLEGAL REQUEST / INVALID FIELD IN COMMAND INFORMATION UNIT (0E/03): a torn block is never written.</li>
 * </ul>
 *
 * These are the outcomes libiscsi's iSCSIResiduals suite accepts (test_write_residuals.c).
 */
final class DataOutRule {
    private DataOutRule() {
    }

    /** Bytes to use out of {@code needed}: the whole blocks of Data-Out received, capped at {@code needed}. */
    static int usableBytes(CommandContext ctx, long needed) throws SenseException {
        int received = ctx.dataOutLength();
        if (received >= needed) {
            return (int) needed;
        }
        if (received % ctx.blockSize() != 0) {
            throw SenseException.of(SenseCodes.INVALID_FIELD_IN_COMMAND_IU);
        }
        return received;
    }
}
