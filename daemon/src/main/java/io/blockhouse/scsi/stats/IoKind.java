package io.blockhouse.scsi.stats;

/**
 * How a command is accounted: as a read, a write, or another command. Reads are READ (6/10/12/16); writes are WRITE
 * (6/10/12/16), WRITE AND VERIFY (10/12/16) and WRITE ATOMIC (16), the commands that carry a block transfer of the
 * size of their Data-Out. Everything else (COMPARE AND WRITE, WRITE SAME, UNMAP, VERIFY, INQUIRY...) is "other": its
 * transfer length says nothing about how many blocks it moved.
 */
public enum IoKind {
    READ, WRITE, OTHER;

    /** The kind of the command with operation code {@code opcode} (0..255). */
    public static IoKind of(int opcode) {
        return switch (opcode) {
            case 0x08, 0x28, 0xA8, 0x88 -> READ;
            case 0x0A, 0x2A, 0xAA, 0x8A, 0x2E, 0xAE, 0x8E, 0x9C -> WRITE;
            default -> OTHER;
        };
    }
}
