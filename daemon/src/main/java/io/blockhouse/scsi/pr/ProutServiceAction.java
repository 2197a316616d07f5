package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * PERSISTENT RESERVE OUT (5Fh), one subclass per service action. Decodes what every service action shares: the
 * PARAMETER LIST LENGTH (CDB bytes 5-8), the Data-Out holding that many bytes (else PARAMETER LIST LENGTH ERROR),
 * and SCOPE/TYPE (CDB byte 2) for the actions that use them.
 *
 * <p>Runs on the I/O executor: an APTPL change is written and fsynced before the command completes, and PREEMPT
 * AND ABORT waits for the preempted tasks' back-end I/O.
 */
abstract class ProutServiceAction implements CommandProcessor {
    /** Size of the basic parameter list (SPC-4 6.16.3). */
    static final int BASIC_LENGTH = 24;
    private static final int MAX_LIST = 64 * 1024;
    private static final int SCOPE_LU = 0x0;

    private final int serviceAction;

    ProutServiceAction(int serviceAction) {
        this.serviceAction = serviceAction;
    }

    @Override
    public final List<CommandDescriptor> descriptors() {
        int op = CommandAccess.PERSISTENT_RESERVE_OUT;
        return List.of(CommandDescriptor.of(op, serviceAction, op, 0x1F, 0xFF, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF,
                0x00));
    }

    @Override
    public final boolean usesBackend() {
        return true;
    }

    @Override
    public final CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        long length = Bytes.u32(cdb, 5);
        ctx.declareTransferLength(length);
        if (length < BASIC_LENGTH || length > MAX_LIST || ctx.dataOutLength() < length) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
        byte[] list = new byte[(int) length];
        ctx.dataOut().getBytes(ctx.dataOut().readerIndex(), list);
        perform(ctx, cdb, list);
        return CommandResponse.good();
    }

    /** Carries out the service action on the unit's reservation state. */
    abstract void perform(CommandContext ctx, byte[] cdb, byte[] list) throws SenseException;

    static long reservationKey(byte[] list) {
        return Bytes.u64(list, 0);
    }

    static long serviceActionKey(byte[] list) {
        return Bytes.u64(list, 8);
    }

    static boolean specIPt(byte[] list) {
        return (list[20] & 0x08) != 0;
    }

    static boolean allTgPt(byte[] list) {
        return (list[20] & 0x04) != 0;
    }

    static boolean aptpl(byte[] list) {
        return (list[20] & 0x01) != 0;
    }

    /** Service actions without additional parameter data take exactly the basic 24 bytes. */
    static void requireBasicLength(byte[] list) throws SenseException {
        if (list.length != BASIC_LENGTH) {
            throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
        }
    }

    /** SCOPE must be LU_SCOPE and TYPE one of the six types (SPC-4 6.16.2). */
    static PrType scopeAndType(byte[] cdb) throws SenseException {
        if ((cdb[2] & 0xF0) >>> 4 != SCOPE_LU) {
            throw SenseException.invalidFieldInCdb(2, 7);
        }
        PrType type = PrType.fromCode(cdb[2] & 0x0F);
        if (type == null) {
            throw SenseException.invalidFieldInCdb(2, 3);
        }
        return type;
    }
}
