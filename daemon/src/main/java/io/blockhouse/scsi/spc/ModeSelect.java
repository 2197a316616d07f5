package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * MODE SELECT (6) (15h) and MODE SELECT (10) (55h). Only changeable fields may differ from the current values; a
 * block descriptor, when sent, must describe the medium as it is. A change raises MODE PARAMETERS CHANGED for the
 * other initiator ports.
 */
public final class ModeSelect implements CommandProcessor {
    public static final int OPCODE_6 = 0x15;
    public static final int OPCODE_10 = 0x55;

    private final boolean ten;

    private ModeSelect(boolean ten) {
        this.ten = ten;
    }

    public static ModeSelect six() {
        return new ModeSelect(false);
    }

    public static ModeSelect ten() {
        return new ModeSelect(true);
    }

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(ten
                ? CommandDescriptor.of(OPCODE_10, -1, OPCODE_10, 0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00)
                : CommandDescriptor.of(OPCODE_6, -1, OPCODE_6, 0x11, 0x00, 0x00, 0xFF, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean pf = (cdb[1] & 0x10) != 0;
        boolean sp = (cdb[1] & 0x01) != 0;
        int listLength = ten ? Bytes.u16(cdb, 7) : Bytes.u8(cdb, 4);
        ctx.declareTransferLength(listLength);
        if (sp) {
            throw SenseException.invalidFieldInCdb(1, 0); // parameters cannot be saved
        }
        if (listLength == 0) {
            return CommandResponse.good();
        }
        if (!pf) {
            throw SenseException.invalidFieldInCdb(1, 4); // only the standard page format
        }
        if (ctx.dataOutLength() < listLength) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        byte[] list = new byte[listLength];
        ctx.dataOut().getBytes(ctx.dataOut().readerIndex(), list);
        int headerLength = ten ? 8 : 4;
        if (listLength < headerLength) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        boolean longLba = ten && (list[4] & 0x01) != 0;
        int descriptorsLength = ten ? Bytes.u16(list, 6) : Bytes.u8(list, 3);
        int descriptorSize = longLba ? 16 : 8;
        if (descriptorsLength % descriptorSize != 0) {
            throw SenseException.invalidFieldInParameterList(ten ? 6 : 3, -1);
        }
        if (headerLength + descriptorsLength > listLength) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        for (int d = headerLength; d < headerLength + descriptorsLength; d += descriptorSize) {
            checkBlockDescriptor(ctx, list, d, longLba);
        }
        boolean changed = ctx.modePages().select(list, headerLength + descriptorsLength, listLength);
        if (changed) {
            ctx.unit().modeParametersChanged(ctx.nexus().initiatorPortName());
        }
        return CommandResponse.good();
    }

    private static void checkBlockDescriptor(CommandContext ctx, byte[] list, int d, boolean longLba)
            throws SenseException {
        long count = longLba ? Bytes.u64(list, d) : Bytes.u32(list, d);
        long expected = longLba ? ctx.blocks() : Math.min(ctx.blocks(), 0xFFFFFFFFL);
        if (count != 0 && count != expected) {
            throw SenseException.invalidFieldInParameterList(d, -1);
        }
        int lengthAt = longLba ? d + 12 : d + 5;
        long length = longLba ? Bytes.u32(list, lengthAt) : Bytes.u24(list, lengthAt);
        if (length != ctx.blockSize()) {
            throw SenseException.invalidFieldInParameterList(lengthAt, -1);
        }
    }
}
