package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.mode.ModePages;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * MODE SENSE (6) (1Ah) and MODE SENSE (10) (5Ah): mode parameter header, an optional block descriptor (short, or
 * long with LLBAA in the 10-byte form) and the requested pages.
 */
public final class ModeSense implements CommandProcessor {
    public static final int OPCODE_6 = 0x1A;
    public static final int OPCODE_10 = 0x5A;

    private static final int WP = 0x80;
    private static final int DPOFUA = 0x10;

    private final boolean ten;

    private ModeSense(boolean ten) {
        this.ten = ten;
    }

    public static ModeSense six() {
        return new ModeSense(false);
    }

    public static ModeSense ten() {
        return new ModeSense(true);
    }

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(ten
                ? CommandDescriptor.of(OPCODE_10, -1, OPCODE_10, 0x18, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00)
                : CommandDescriptor.of(OPCODE_6, -1, OPCODE_6, 0x08, 0xFF, 0xFF, 0xFF, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) throws SenseException {
        byte[] cdb = ctx.cdb();
        boolean dbd = (cdb[1] & 0x08) != 0;
        boolean llbaa = ten && (cdb[1] & 0x10) != 0;
        int pcBits = (cdb[2] >> 6) & 0x03;
        int pageCode = cdb[2] & 0x3F;
        int subpage = Bytes.u8(cdb, 3);
        int allocation = ten ? Bytes.u16(cdb, 7) : Bytes.u8(cdb, 4);
        ModePages.Control pc = ModePages.Control.values()[pcBits];
        if (pc == ModePages.Control.SAVED) {
            throw SenseException.of(SenseCodes.SAVING_PARAMETERS_NOT_SUPPORTED);
        }
        if (subpage != 0x00 && subpage != 0xFF) {
            throw SenseException.invalidFieldInCdb(3, -1); // none of our pages has subpages
        }
        ByteArrayOutputStream pages = new ByteArrayOutputStream();
        if (pageCode == ModePages.ALL_PAGES) {
            for (int code : ModePages.PAGE_CODES) {
                pages.writeBytes(ctx.modePages().page(code, pc));
            }
        } else if (ModePages.supports(pageCode)) {
            pages.writeBytes(ctx.modePages().page(pageCode, pc));
        } else {
            throw SenseException.invalidFieldInCdb(2, 5);
        }
        byte[] descriptor = dbd ? new byte[0] : blockDescriptor(ctx, llbaa, pc == ModePages.Control.CHANGEABLE);
        int deviceSpecific = DPOFUA | (ctx.writeProtected() ? WP : 0);
        int headerLength = ten ? 8 : 4;
        byte[] data = new byte[headerLength + descriptor.length + pages.size()];
        if (ten) {
            Bytes.put16(data, 0, data.length - 2);
            data[3] = (byte) deviceSpecific;
            data[4] = (byte) (llbaa && !dbd ? 0x01 : 0x00);
            Bytes.put16(data, 6, descriptor.length);
        } else {
            data[0] = (byte) (data.length - 1);
            data[2] = (byte) deviceSpecific;
            data[3] = (byte) descriptor.length;
        }
        System.arraycopy(descriptor, 0, data, headerLength, descriptor.length);
        System.arraycopy(pages.toByteArray(), 0, data, headerLength + descriptor.length, pages.size());
        return CommandResponse.dataIn(data, allocation);
    }

    /** Block count and block length; nothing in it is changeable, so the changeable view is all zeros. */
    private static byte[] blockDescriptor(CommandContext ctx, boolean longLba, boolean changeable) {
        byte[] d = new byte[longLba ? 16 : 8];
        if (changeable) {
            return d;
        }
        if (longLba) {
            Bytes.put64(d, 0, ctx.blocks());
            Bytes.put32(d, 12, ctx.blockSize());
        } else {
            Bytes.put32(d, 0, Math.min(ctx.blocks(), 0xFFFFFFFFL));
            d[5] = (byte) (ctx.blockSize() >>> 16);
            Bytes.put16(d, 6, ctx.blockSize() & 0xFFFF);
        }
        return d;
    }
}
