package io.blockhouse.scsi.pr;

import static io.blockhouse.scsi.pr.PrHarness.assertConflict;
import static io.blockhouse.scsi.pr.PrHarness.assertGood;
import static io.blockhouse.scsi.pr.PrHarness.assertSense;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blockhouse.scsi.Nexus;
import io.blockhouse.scsi.exec.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registrations that name other I_T nexuses: ALL_TG_PT, SPEC_I_PT and REGISTER AND MOVE. */
class MultiNexusRegistrationTest {
    private final PrHarness h = new PrHarness();
    private final Nexus a = h.login(PrHarness.NAME_A, 1);
    private final Nexus b = h.login(PrHarness.NAME_B, 1);

    @AfterEach
    void close() {
        h.close();
    }

    private static byte[] transportId(String text, int format) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        int padded = Math.max(20, (t.length + 1 + 3) / 4 * 4);
        byte[] b = new byte[4 + padded];
        b[0] = (byte) ((format << 6) | 0x05);
        Bytes.put16(b, 2, padded);
        System.arraycopy(t, 0, b, 4, t.length);
        return b;
    }

    private static byte[] withTransportIds(byte[] basic, byte[]... ids) {
        int total = 0;
        for (byte[] id : ids) {
            total += id.length;
        }
        byte[] p = new byte[28 + total];
        System.arraycopy(basic, 0, p, 0, 24);
        Bytes.put32(p, 24, total);
        int at = 28;
        for (byte[] id : ids) {
            System.arraycopy(id, 0, p, at, id.length);
            at += id.length;
        }
        return p;
    }

    @Test
    void allTargetPortsRegistersThroughEveryPort() {
        Nexus aViaPort2 = h.login(h.port2, PrHarness.NAME_A, 1);
        assertGood(h.register(a, 0, 0x77, 0x04));
        assertGood(h.reserve(aViaPort2, 0x77, PrType.EXCLUSIVE_ACCESS));
        assertGood(h.run(a, PrHarness.read10(0)));
        assertConflict(h.run(b, PrHarness.read10(0)));
    }

    @Test
    void withoutAllTargetPortsTheOtherPortIsAnotherNexus() {
        Nexus aViaPort2 = h.login(h.port2, PrHarness.NAME_A, 1);
        assertGood(h.register(a, 0, 0x77));
        assertConflict(h.reserve(aViaPort2, 0x77, PrType.EXCLUSIVE_ACCESS));
    }

    @Test
    void specifyInitiatorPortsRegistersTheNamedPortsToo() {
        byte[] list = withTransportIds(PrHarness.params(0, 0x55, 0x08),
                transportId(PrHarness.portName(PrHarness.NAME_B, 1), 1));
        assertGood(h.run(a, PrHarness.prout(Register.REGISTER, null, list.length), list));
        assertEquals(List.of(0x55L, 0x55L), h.keys(a));
        assertGood(h.reserve(b, 0x55, PrType.WRITE_EXCLUSIVE)); // b was registered by a
    }

    @Test
    void specifyInitiatorPortsWithAnInitiatorDeviceCoversAllItsPorts() {
        byte[] list = withTransportIds(PrHarness.params(0, 0x56, 0x08), transportId(PrHarness.NAME_B, 0));
        assertGood(h.run(a, PrHarness.prout(Register.REGISTER, null, list.length), list));
        Nexus otherIsidOfB = h.login(PrHarness.NAME_B, 5);
        assertGood(h.reserve(otherIsidOfB, 0x56, PrType.WRITE_EXCLUSIVE));
    }

    @Test
    void specifyInitiatorPortsRejectsRegisteredPortsAndBadLists() {
        assertGood(h.register(b, 0, 0x01));
        byte[] list = withTransportIds(PrHarness.params(0, 0x55, 0x08),
                transportId(PrHarness.portName(PrHarness.NAME_B, 1), 1));
        assertSense(h.run(a, PrHarness.prout(Register.REGISTER, null, list.length), list), 0x5, 0x26, 0x00);
        assertEquals(List.of(0x01L), h.keys(a), "nothing registered");
        byte[] truncated = java.util.Arrays.copyOf(list, list.length - 4);
        assertSense(h.run(a, PrHarness.prout(Register.REGISTER, null, truncated.length), truncated), 0x5, 0x1A,
                0x00);
    }

    @Test
    void registerAndMoveHandsTheReservationOver() {
        assertGood(h.register(a, 0, 0x10));
        assertGood(h.reserve(a, 0x10, PrType.EXCLUSIVE_ACCESS));
        byte[] tid = transportId(PrHarness.portName(PrHarness.NAME_B, 1), 1);
        byte[] list = new byte[24 + tid.length];
        Bytes.put64(list, 0, 0x10);
        Bytes.put64(list, 8, 0x20);
        list[17] = 0x02; // UNREG
        Bytes.put16(list, 18, 1);
        Bytes.put32(list, 20, tid.length);
        System.arraycopy(tid, 0, list, 24, tid.length);
        assertGood(h.run(a, PrHarness.prout(RegisterAndMove.SERVICE_ACTION, null, list.length), list));
        assertArrayEquals(new long[] {0x20, PrType.EXCLUSIVE_ACCESS.code()}, h.reservation(b));
        assertEquals(List.of(0x20L), h.keys(b));
        assertGood(h.run(b, PrHarness.write10(0), new byte[512]));
        assertConflict(h.run(a, PrHarness.read10(0)));
    }

    @Test
    void registerAndMoveNeedsTheHolder() {
        assertGood(h.register(a, 0, 0x10));
        byte[] tid = transportId(PrHarness.portName(PrHarness.NAME_B, 1), 1);
        byte[] list = new byte[24 + tid.length];
        Bytes.put64(list, 0, 0x10);
        Bytes.put64(list, 8, 0x20);
        Bytes.put16(list, 18, 1);
        Bytes.put32(list, 20, tid.length);
        System.arraycopy(tid, 0, list, 24, tid.length);
        assertConflict(h.run(a, PrHarness.prout(RegisterAndMove.SERVICE_ACTION, null, list.length), list));
    }
}
