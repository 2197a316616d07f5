package io.blockhouse.scsi.exec;

/**
 * What REPORT SUPPORTED OPERATION CODES says about one command.
 *
 * @param opcode        operation code
 * @param serviceAction service action, or -1 when the opcode has none
 * @param cdbUsage      CDB USAGE DATA: byte 0 is the opcode, then a mask of the bits the device server evaluates;
 *                      its length is the CDB length
 */
public record CommandDescriptor(int opcode, int serviceAction, byte[] cdbUsage) {

    public boolean hasServiceAction() {
        return serviceAction >= 0;
    }

    public int cdbLength() {
        return cdbUsage.length;
    }

    /** Builds the usage bitmap from int literals (opcode first) so tables stay readable. */
    public static CommandDescriptor of(int opcode, int serviceAction, int... usage) {
        byte[] u = new byte[usage.length];
        for (int i = 0; i < usage.length; i++) {
            u[i] = (byte) usage[i];
        }
        if ((u[0] & 0xFF) != opcode) {
            throw new IllegalArgumentException("usage data must start with the opcode");
        }
        return new CommandDescriptor(opcode, serviceAction, u);
    }
}
