package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandDescriptor;
import java.util.List;

/**
 * CDB usage data (REPORT SUPPORTED OPERATION CODES) shared by READ and WRITE (6), (10), (12) and (16): the two
 * families have the same CDB layouts, so they report the same bitmaps.
 */
final class ReadWriteCdbLayouts {

    private ReadWriteCdbLayouts() {
    }

    static List<CommandDescriptor> descriptors(int op6, int op10, int op12, int op16) {
        return List.of(
                CommandDescriptor.of(op6, -1, op6, 0x1F, 0xFF, 0xFF, 0xFF, 0x00),
                CommandDescriptor.of(op10, -1, op10, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0xFF, 0x00),
                CommandDescriptor.of(op12, -1, op12, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0x00, 0x00),
                CommandDescriptor.of(op16, -1, op16, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00));
    }
}
