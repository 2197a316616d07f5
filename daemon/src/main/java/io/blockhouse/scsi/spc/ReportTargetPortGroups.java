package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.alua.AluaState;
import io.blockhouse.scsi.alua.PortGroup;
import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseException;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * REPORT TARGET PORT GROUPS (MAINTENANCE IN A3h/0Ah, SPC-4 6.36): one descriptor per target port group with its
 * asymmetric access state, the states it supports and its target ports, in the length-only (000b) or the extended
 * header (001b) parameter data format.
 */
public final class ReportTargetPortGroups implements CommandProcessor {
    public static final int OPCODE = 0xA3;
    public static final int SERVICE_ACTION = 0x0A;

    private static final int FORMAT_LENGTH_ONLY = 0;
    private static final int FORMAT_EXTENDED = 1;

    /**
     * Supported states byte: T_SUP, U_SUP, S_SUP, AN_SUP, AO_SUP. O_SUP (offline) and LBD_SUP stay 0: a group
     * never goes offline and there are no logical block dependent states.
     */
    static final int SUPPORTED_STATES = 0x80 | 0x08 | 0x04 | 0x02 | 0x01;

    /** The implicit default group only ever is active/optimized: AO_SUP alone. */
    static final int DEFAULT_GROUP_STATES = 0x01;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, SERVICE_ACTION, OPCODE, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF,
                0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        int format = (cdb[1] & 0xE0) >>> 5;
        if (format != FORMAT_LENGTH_ONLY && format != FORMAT_EXTENDED) {
            throw SenseException.invalidFieldInCdb(1, 7);
        }
        long allocation = Bytes.u32(cdb, 6);
        return CommandResponse.dataIn(encode(ctx.nexus().portGroups().current(), format == FORMAT_EXTENDED),
                allocation);
    }

    /** The parameter data; RETURN DATA LENGTH counts every byte after itself, whatever the allocation length. */
    static byte[] encode(AluaState state, boolean extended) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[extended ? 8 : 4]);
        for (PortGroup g : state.groups()) {
            byte[] d = new byte[8 + 4 * g.relativePortIds().size()];
            d[0] = (byte) ((g.preferred() ? 0x80 : 0) | g.state().code());
            d[1] = (byte) (g.isDefault() ? DEFAULT_GROUP_STATES : SUPPORTED_STATES);
            Bytes.put16(d, 2, g.id());
            d[5] = (byte) g.status().code();
            d[7] = (byte) g.relativePortIds().size();
            for (int i = 0; i < g.relativePortIds().size(); i++) {
                Bytes.put16(d, 8 + 4 * i + 2, g.relativePortIds().get(i));
            }
            out.writeBytes(d);
        }
        byte[] data = out.toByteArray();
        Bytes.put32(data, 0, data.length - 4);
        if (extended) {
            // FORMAT TYPE 001b; IMPLICIT TRANSITION TIME 0: state changes take effect at once.
            data[4] = 0x10;
        }
        return data;
    }
}
