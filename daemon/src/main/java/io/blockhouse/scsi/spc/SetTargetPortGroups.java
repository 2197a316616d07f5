package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.alua.AccessState;
import io.blockhouse.scsi.alua.AluaState;
import io.blockhouse.scsi.alua.PortGroup;
import io.blockhouse.scsi.alua.TargetPortGroups;
import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.exec.NexusView;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SET TARGET PORT GROUPS (MAINTENANCE OUT A4h/0Ah, SPC-4 6.45): an initiator asks for new asymmetric access states
 * (explicit ALUA). Refused as an unsupported command unless the configuration allows explicit ALUA. The parameter
 * list is checked as a whole before any group changes, so a bad descriptor changes nothing; the implicit default
 * group 0 and unknown groups are invalid fields.
 */
public final class SetTargetPortGroups implements CommandProcessor {
    public static final int OPCODE = 0xA4;
    public static final int SERVICE_ACTION = 0x0A;

    private static final int HEADER = 4;
    private static final int DESCRIPTOR = 4;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, SERVICE_ACTION, OPCODE, 0x1F, 0x00, 0x00, 0x00, 0x00, 0xFF,
                0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public boolean available(NexusView nexus) {
        return nexus.portGroups().current().explicit();
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        TargetPortGroups groups = ctx.nexus().portGroups();
        AluaState state = groups.current();
        if (!state.explicit()) {
            // TPGS 01b: implicit only, so this command does not exist for the initiator.
            throw SenseException.of(SenseCodes.INVALID_COMMAND_OPERATION_CODE);
        }
        byte[] cdb = ctx.cdb();
        long length = Bytes.u32(cdb, 6);
        ctx.declareTransferLength(length);
        if (length == 0) {
            return CommandResponse.good();
        }
        if (length < HEADER || (length - HEADER) % DESCRIPTOR != 0) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        ByteBuf data = ctx.dataOut();
        if (data == null || data.readableBytes() < length) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        byte[] list = new byte[(int) length];
        data.getBytes(data.readerIndex(), list);
        Map<Integer, AccessState> wanted = new LinkedHashMap<>();
        for (int at = HEADER; at < list.length; at += DESCRIPTOR) {
            int code = list[at] & 0x0F;
            AccessState target = AccessState.ofCode(code).orElse(null);
            // Transitioning is the device server's own business; an initiator may only ask for the four others.
            if (target == null || target == AccessState.TRANSITIONING) {
                throw SenseException.invalidFieldInParameterList(at, 3);
            }
            int id = Bytes.u16(list, at + 2);
            if (id == PortGroup.DEFAULT_ID || state.group(id).isEmpty()) {
                throw SenseException.invalidFieldInParameterList(at + 2, -1);
            }
            if (wanted.put(id, target) != null) {
                throw SenseException.invalidFieldInParameterList(at + 2, -1);
            }
        }
        groups.setByInitiator(wanted, ctx.nexus().initiatorPortName());
        return CommandResponse.good();
    }
}
