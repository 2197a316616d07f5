package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.Bytes;
import java.io.ByteArrayOutputStream;

/**
 * PERSISTENT RESERVE IN / READ FULL STATUS (03h), SPC-4 6.15.5: one descriptor per registration with its key,
 * ALL_TG_PT, R_HOLDER, the scope and type for holders, the relative target port identifier and the initiator's
 * iSCSI TransportID (format 01b for an initiator port, 00b for a registration of a whole initiator device).
 */
public final class ReadFullStatus extends PrinServiceAction {
    public static final int SERVICE_ACTION = 0x03;

    public ReadFullStatus() {
        super(SERVICE_ACTION);
    }

    @Override
    byte[] build(PersistentReservations state) {
        PersistentReservations.FullStatusView status = state.fullStatus();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[8]);
        for (PersistentReservations.FullStatusView.Entry e : status.entries()) {
            byte[] tid = TransportId.encode(e.initiator());
            byte[] d = new byte[24];
            Bytes.put64(d, 0, e.key());
            d[12] = (byte) ((e.allTargetPorts() ? 0x02 : 0) | (e.holder() ? 0x01 : 0));
            if (e.holder()) {
                d[13] = (byte) e.type().code();
            }
            Bytes.put16(d, 18, e.targetPortId());
            Bytes.put32(d, 20, tid.length);
            out.writeBytes(d);
            out.writeBytes(tid);
        }
        byte[] b = out.toByteArray();
        Bytes.put32(b, 0, status.generation());
        Bytes.put32(b, 4, b.length - 8);
        return b;
    }
}
