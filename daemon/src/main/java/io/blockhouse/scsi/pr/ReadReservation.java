package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.Bytes;

/**
 * PERSISTENT RESERVE IN / READ RESERVATION (01h): PRgeneration and, when a reservation exists, one 16-byte
 * descriptor with its key (zero for all-registrants types, SPC-4 6.15.3.2), scope (LU) and type.
 */
public final class ReadReservation extends PrinServiceAction {
    public static final int SERVICE_ACTION = 0x01;

    public ReadReservation() {
        super(SERVICE_ACTION);
    }

    @Override
    byte[] build(PersistentReservations state) {
        PersistentReservations.ReservationView r = state.reservation();
        byte[] b = new byte[r.type() == null ? 8 : 24];
        Bytes.put32(b, 0, r.generation());
        if (r.type() != null) {
            Bytes.put32(b, 4, 16);
            Bytes.put64(b, 8, r.key());
            b[8 + 13] = (byte) r.type().code(); // SCOPE 0h (logical unit) in the high nibble
        }
        return b;
    }
}
