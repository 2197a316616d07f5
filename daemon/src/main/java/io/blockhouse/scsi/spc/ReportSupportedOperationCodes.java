package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandDispatcher;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.exec.NexusView;
import io.blockhouse.scsi.sense.SenseException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Predicate;

/**
 * REPORT SUPPORTED OPERATION CODES (A3h/0Ch): all commands (reporting options 000b) or one command with its CDB
 * usage data (001b by opcode, 010b by opcode and service action, 011b either), with command timeouts descriptors
 * when RCTD is set.
 */
public final class ReportSupportedOperationCodes implements CommandProcessor {
    public static final int OPCODE = 0xA3;
    public static final int SERVICE_ACTION = 0x0C;

    private static final int SUPPORT_NOT_SUPPORTED = 0x01;
    private static final int SUPPORT_STANDARD = 0x03;
    private static final int CTDP = 0x02;
    private static final int SERVACTV = 0x01;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, SERVICE_ACTION, OPCODE, 0x1F, 0x87, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean rctd = (cdb[2] & 0x80) != 0;
        int options = cdb[2] & 0x07;
        int opcode = Bytes.u8(cdb, 3);
        int serviceAction = Bytes.u16(cdb, 4);
        long allocation = Bytes.u32(cdb, 6);
        CommandDispatcher commands = ctx.unit().dispatcher();
        // Offered by this unit's back-end, and existing for this nexus now (SET TARGET PORT GROUPS needs explicit ALUA).
        Predicate<CommandDescriptor> offered = d -> d != null && commands.processorOf(d).offers(d, ctx.unit())
                && commands.processorOf(d).available(ctx.nexus());
        byte[] data = switch (options) {
            case 0 -> all(commands, offered, rctd);
            case 1 -> {
                if (commands.hasServiceActions(opcode)) {
                    throw SenseException.invalidFieldInCdb(2, 2);
                }
                yield one(offeredOrNull(commands.find(opcode, 0), offered), rctd);
            }
            case 2 -> {
                if (!commands.hasServiceActions(opcode)) {
                    throw SenseException.invalidFieldInCdb(2, 2);
                }
                yield one(offeredOrNull(commands.find(opcode, serviceAction), offered), rctd);
            }
            case 3 -> one(offeredOrNull(commands.find(opcode, serviceAction), offered), rctd);
            default -> throw SenseException.invalidFieldInCdb(2, 2);
        };
        return CommandResponse.dataIn(data, allocation);
    }

    private static CommandDescriptor offeredOrNull(CommandDescriptor d, Predicate<CommandDescriptor> offered) {
        return offered.test(d) ? d : null;
    }

    private static byte[] all(CommandDispatcher commands, Predicate<CommandDescriptor> offered, boolean rctd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[4]);
        for (CommandDescriptor d : commands.descriptors()) {
            if (!offered.test(d)) {
                continue;
            }
            byte[] e = new byte[8];
            e[0] = (byte) d.opcode();
            if (d.hasServiceAction()) {
                Bytes.put16(e, 2, d.serviceAction());
            }
            e[5] = (byte) ((rctd ? CTDP : 0) | (d.hasServiceAction() ? SERVACTV : 0));
            Bytes.put16(e, 6, d.cdbLength());
            out.writeBytes(e);
            if (rctd) {
                out.writeBytes(timeouts());
            }
        }
        byte[] data = out.toByteArray();
        Bytes.put32(data, 0, data.length - 4);
        return data;
    }

    private static byte[] one(CommandDescriptor d, boolean rctd) {
        if (d == null) {
            return new byte[] {0, SUPPORT_NOT_SUPPORTED, 0, 0};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[4];
        header[1] = (byte) ((rctd ? 0x80 : 0) | SUPPORT_STANDARD);
        Bytes.put16(header, 2, d.cdbLength());
        out.writeBytes(header);
        out.writeBytes(d.cdbUsage());
        if (rctd) {
            out.writeBytes(timeouts());
        }
        return out.toByteArray();
    }

    /** Command timeouts descriptor: length 0Ah, nominal and recommended timeouts left 0 (not specified). */
    private static byte[] timeouts() {
        byte[] t = new byte[12];
        Bytes.put16(t, 0, 0x0A);
        return t;
    }
}
