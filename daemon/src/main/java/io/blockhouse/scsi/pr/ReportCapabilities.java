package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.Bytes;

/**
 * PERSISTENT RESERVE IN / REPORT CAPABILITIES (02h), SPC-4 6.15.4. What is reported and why:
 * <ul>
 *   <li>CRH 0: RESERVE/RELEASE follow SPC-2 exactly (they conflict while registrations exist).</li>
 *   <li>SIP_C 1, ATP_C 1: SPEC_I_PT and ALL_TG_PT are implemented.</li>
 *   <li>PTPL_C / PTPL_A: when the unit has a persistent store (the daemon's data directory), and APTPL is set.</li>
 *   <li>TMV 1 with ALLOW COMMANDS 001b: TEST UNIT READY passes write exclusive and exclusive access reservations;
 *       the other listed commands are not described.</li>
 *   <li>Type mask: all six types.</li>
 * </ul>
 */
public final class ReportCapabilities extends PrinServiceAction {
    public static final int SERVICE_ACTION = 0x02;

    private static final int SIP_C = 0x08;
    private static final int ATP_C = 0x04;
    private static final int PTPL_C = 0x01;
    private static final int TMV = 0x80;
    private static final int ALLOW_COMMANDS_TUR = 0x1 << 4;
    private static final int PTPL_A = 0x01;

    public ReportCapabilities() {
        super(SERVICE_ACTION);
    }

    @Override
    byte[] build(PersistentReservations state) {
        byte[] b = new byte[8];
        Bytes.put16(b, 0, 8);
        b[2] = (byte) (SIP_C | ATP_C | (state.persistThroughPowerLossCapable() ? PTPL_C : 0));
        b[3] = (byte) (TMV | ALLOW_COMMANDS_TUR | (state.persistThroughPowerLossActive() ? PTPL_A : 0));
        // WR_EX_AR, EX_AC_RO, WR_EX_RO, EX_AC, WR_EX in byte 4; EX_AC_AR in byte 5.
        b[4] = (byte) (0x80 | 0x40 | 0x20 | 0x08 | 0x02);
        b[5] = (byte) 0x01;
        return b;
    }
}
