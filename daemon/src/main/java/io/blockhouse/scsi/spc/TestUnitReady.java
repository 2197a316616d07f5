package io.blockhouse.scsi.spc;

import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDescriptor;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import java.util.List;

/** TEST UNIT READY (00h): a fixed, always-present medium is always ready. */
public final class TestUnitReady implements CommandProcessor {
    public static final int OPCODE = 0x00;

    @Override
    public List<CommandDescriptor> descriptors() {
        return List.of(CommandDescriptor.of(OPCODE, -1, OPCODE, 0x00, 0x00, 0x00, 0x00, 0x00));
    }

    @Override
    public boolean usesBackend() {
        return false;
    }

    @Override
    public CommandResponse execute(CommandContext ctx) {
        return CommandResponse.good();
    }
}
