package io.blockhouse.scsi;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.exec.NexusView;
import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseEncoder;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.spc.Inquiry;
import io.blockhouse.scsi.spc.ReportLuns;
import io.blockhouse.scsi.spc.RequestSense;
import io.blockhouse.scsi.vpd.StandardInquiryData;
import io.netty.buffer.ByteBuf;

/**
 * Commands addressed to a LUN the nexus does not map ("incorrect logical unit" in SPC-4): INQUIRY answers
 * "no device here" (peripheral qualifier 011b, type 1Fh), REPORT LUNS works, REQUEST SENSE returns LOGICAL UNIT NOT
 * SUPPORTED as its data, everything else gets CHECK CONDITION with that sense. Sense is in fixed format.
 */
final class UnmappedLun {
    private UnmappedLun() {
    }

    static ScsiResult respond(byte[] cdb, NexusView nexus) {
        try {
            CommandResponse response = switch (cdb[0] & 0xFF) {
                case Inquiry.OPCODE -> {
                    Inquiry.validate(cdb);
                    if ((cdb[1] & 0x01) != 0) {
                        throw SenseException.of(SenseCodes.LOGICAL_UNIT_NOT_SUPPORTED);
                    }
                    yield CommandResponse.dataIn(StandardInquiryData.forUnmappedLun(), Bytes.u16(cdb, 3));
                }
                case ReportLuns.OPCODE -> ReportLuns.respond(cdb, nexus.mappedLuns());
                case RequestSense.OPCODE -> RequestSense.respond(cdb, SenseCodes.LOGICAL_UNIT_NOT_SUPPORTED);
                default -> throw SenseException.of(SenseCodes.LOGICAL_UNIT_NOT_SUPPORTED);
            };
            ByteBuf in = response.dataIn();
            return new ScsiResult(ScsiStatus.GOOD, null, in, in == null ? 0 : in.readableBytes(), false);
        } catch (SenseException e) {
            return checkCondition(e.sense());
        }
    }

    static ScsiResult checkCondition(Sense sense) {
        return new ScsiResult(ScsiStatus.CHECK_CONDITION, SenseEncoder.fixed(sense), null, 0, false);
    }
}
