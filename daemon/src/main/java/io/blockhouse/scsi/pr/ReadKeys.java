package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.Bytes;

/** PERSISTENT RESERVE IN / READ KEYS (00h): PRgeneration and every registered reservation key. */
public final class ReadKeys extends PrinServiceAction {
    public static final int SERVICE_ACTION = 0x00;

    public ReadKeys() {
        super(SERVICE_ACTION);
    }

    @Override
    byte[] build(PersistentReservations state) {
        PersistentReservations.KeysView keys = state.keys();
        byte[] b = new byte[8 + 8 * keys.keys().length];
        Bytes.put32(b, 0, keys.generation());
        Bytes.put32(b, 4, 8L * keys.keys().length);
        for (int i = 0; i < keys.keys().length; i++) {
            Bytes.put64(b, 8 + 8 * i, keys.keys()[i]);
        }
        return b;
    }
}
