package io.blockhouse.scsi.pr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.blockhouse.scsi.LogicalUnit;
import io.blockhouse.scsi.LogicalUnitSpec;
import io.blockhouse.scsi.LunMap;
import io.blockhouse.scsi.MemoryBackend;
import io.blockhouse.scsi.Nexus;
import io.blockhouse.scsi.ScsiCommand;
import io.blockhouse.scsi.ScsiResult;
import io.blockhouse.scsi.ScsiStatus;
import io.blockhouse.scsi.TargetPort;
import io.blockhouse.scsi.TaskAttribute;
import io.blockhouse.scsi.TmfFunction;
import io.blockhouse.scsi.TmfResponse;
import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.LunCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One logical unit behind two target ports (relative ids 1 and 2), driven through the public {@link Nexus} API by
 * initiators with different names or ISIDs, with builders for the reservation CDBs and parameter lists.
 */
final class PrHarness implements AutoCloseable {
    static final String TARGET = "iqn.2026-01.io.blockhouse:pr";
    static final String NAME_A = "iqn.2026-01.test:host-a";
    static final String NAME_B = "iqn.2026-01.test:host-b";
    static final int BLOCKS = 64;

    final ExecutorService io = Executors.newCachedThreadPool();
    final MemoryBackend backend = new MemoryBackend(BLOCKS * 512);
    final LogicalUnit unit;
    final TargetPort port1 = new TargetPort(TARGET + ",t,0x0001", 1);
    final TargetPort port2 = new TargetPort(TARGET + ",t,0x0002", 2);
    private final AtomicLong tags = new AtomicLong(1);
    private final List<Nexus> opened = new ArrayList<>();

    PrHarness() {
        this(ReservationStore.NONE);
    }

    PrHarness(ReservationStore store) {
        unit = new LogicalUnit(LogicalUnitSpec.of("lu0", 512, false, false, true, "PR0001"), backend, io, store);
    }

    /** A nexus through target port 1 whose pending unit attention (POWER ON for a new port) has been consumed. */
    Nexus login(String name, int isidLow) {
        return login(port1, name, isidLow);
    }

    Nexus login(TargetPort port, String name, int isidLow) {
        Nexus n = port.openNexus(name, isid(isidLow), LunMap.builder().add(0, unit, false).build());
        opened.add(n);
        ScsiResult r = run(n, tur());
        if (r.status() != ScsiStatus.GOOD) {
            assertEquals(ScsiStatus.CHECK_CONDITION, r.status(), "a unit attention or nothing");
        }
        return n;
    }

    static byte[] isid(int low) {
        return new byte[] {0x40, 0x00, 0x01, 0x37, 0x00, (byte) low};
    }

    /** The initiator port name the target derives for {@code name} and {@link #isid}. */
    static String portName(String name, int isidLow) {
        return name + ",i,0x40000137" + String.format("%04x", isidLow & 0xFF);
    }

    ScsiResult run(Nexus n, byte[] cdb) {
        return run(n, cdb, null);
    }

    /** Submits and waits; Data-Out (when given) is copied into a buffer the nexus owns. */
    ScsiResult run(Nexus n, byte[] cdb, byte[] dataOut) {
        try {
            return submit(n, cdb, dataOut).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    CompletableFuture<ScsiResult> submit(Nexus n, byte[] cdb, byte[] dataOut) {
        ByteBuf buf = null;
        if (dataOut != null) {
            buf = Unpooled.buffer(dataOut.length, Math.max(1, dataOut.length));
            buf.writeBytes(dataOut);
        }
        CompletableFuture<ScsiResult> f = new CompletableFuture<>();
        n.submit(new ScsiCommand(LunCodec.encode(0), cdb, dataOut == null ? 4096 : dataOut.length, dataOut == null,
                dataOut != null, TaskAttribute.SIMPLE, tags.getAndIncrement(), buf), f::complete);
        return f;
    }

    TmfResponse tmf(Nexus n, TmfFunction f) {
        try {
            return n.taskManagement(f, LunCodec.encode(0), 0).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ CDBs

    static byte[] cdb(int... bytes) {
        byte[] c = new byte[16];
        for (int i = 0; i < bytes.length; i++) {
            c[i] = (byte) bytes[i];
        }
        return c;
    }

    static byte[] tur() {
        return cdb(0x00);
    }

    static byte[] read10(int lba) {
        return cdb(0x28, 0, 0, 0, 0, lba, 0, 0, 1);
    }

    static byte[] write10(int lba) {
        return cdb(0x2A, 0, 0, 0, 0, lba, 0, 0, 1);
    }

    static byte[] prin(int serviceAction, int allocation) {
        return cdb(0x5E, serviceAction, 0, 0, 0, 0, 0, allocation >>> 8, allocation & 0xFF, 0);
    }

    static byte[] prout(int serviceAction, PrType type, int length) {
        return cdb(0x5F, serviceAction, type == null ? 0 : type.code(), 0, 0, length >>> 24, length >>> 16,
                length >>> 8, length & 0xFF, 0);
    }

    /** The basic 24-byte parameter list with the flags byte (SPEC_I_PT 08h, ALL_TG_PT 04h, APTPL 01h). */
    static byte[] params(long key, long serviceActionKey, int flags) {
        byte[] p = new byte[24];
        Bytes.put64(p, 0, key);
        Bytes.put64(p, 8, serviceActionKey);
        p[20] = (byte) flags;
        return p;
    }

    ScsiResult register(Nexus n, long key, long sak) {
        return register(n, key, sak, 0);
    }

    ScsiResult register(Nexus n, long key, long sak, int flags) {
        return run(n, prout(Register.REGISTER, null, 24), params(key, sak, flags));
    }

    ScsiResult registerIgnore(Nexus n, long sak) {
        return run(n, prout(Register.REGISTER_AND_IGNORE_EXISTING_KEY, null, 24), params(0, sak, 0));
    }

    ScsiResult reserve(Nexus n, long key, PrType type) {
        return run(n, prout(Reserve.SERVICE_ACTION, type, 24), params(key, 0, 0));
    }

    ScsiResult release(Nexus n, long key, PrType type) {
        return run(n, prout(Release.SERVICE_ACTION, type, 24), params(key, 0, 0));
    }

    ScsiResult clear(Nexus n, long key) {
        return run(n, prout(Clear.SERVICE_ACTION, null, 24), params(key, 0, 0));
    }

    ScsiResult preempt(Nexus n, long key, long sak, PrType type, boolean abort) {
        return run(n, prout(abort ? Preempt.PREEMPT_AND_ABORT : Preempt.PREEMPT, type, 24), params(key, sak, 0));
    }

    /** PRIN data (GOOD expected), copied out and released. */
    byte[] prinData(Nexus n, int serviceAction) {
        ScsiResult r = run(n, prin(serviceAction, 8192));
        assertStatus(ScsiStatus.GOOD, r);
        assertNotNull(r.dataIn());
        byte[] b = ByteBufUtil.getBytes(r.dataIn());
        r.dataIn().release();
        return b;
    }

    List<Long> keys(Nexus n) {
        byte[] b = prinData(n, ReadKeys.SERVICE_ACTION);
        List<Long> keys = new ArrayList<>();
        for (int i = 8; i < 8 + Bytes.u32(b, 4); i += 8) {
            keys.add(Bytes.u64(b, i));
        }
        return keys;
    }

    long generation(Nexus n) {
        return Bytes.u32(prinData(n, ReadKeys.SERVICE_ACTION), 0);
    }

    /** READ RESERVATION: null when there is none, else {key, type}. */
    long[] reservation(Nexus n) {
        byte[] b = prinData(n, ReadReservation.SERVICE_ACTION);
        if (Bytes.u32(b, 4) == 0) {
            return null;
        }
        return new long[] {Bytes.u64(b, 8), b[21] & 0x0F};
    }

    // ------------------------------------------------------------------------------------------ assertions

    static void assertStatus(int expected, ScsiResult r) {
        assertEquals(expected, r.status(), () -> "status " + r.status() + " sense " + hex(r.sense()));
        if (r.dataIn() != null && expected != ScsiStatus.GOOD) {
            r.dataIn().release();
        }
    }

    static void assertGood(ScsiResult r) {
        assertStatus(ScsiStatus.GOOD, r);
        if (r.dataIn() != null) {
            r.dataIn().release();
        }
    }

    static void assertConflict(ScsiResult r) {
        assertStatus(ScsiStatus.RESERVATION_CONFLICT, r);
        assertEquals(null, r.sense(), "RESERVATION CONFLICT carries no sense");
    }

    /** CHECK CONDITION with key/ASC/ASCQ (fixed format, the default D_SENSE=0). */
    static void assertSense(ScsiResult r, int key, int asc, int ascq) {
        assertStatus(ScsiStatus.CHECK_CONDITION, r);
        byte[] s = r.sense();
        assertEquals(String.format("%X/%02X/%02X", key, asc, ascq),
                String.format("%X/%02X/%02X", s[2] & 0x0F, s[12] & 0xFF, s[13] & 0xFF), () -> hex(s));
    }

    static String hex(byte[] b) {
        return b == null ? "null" : ByteBufUtil.hexDump(b);
    }

    @Override
    public void close() {
        backend.openGate();
        opened.forEach(Nexus::close);
        unit.close();
        io.shutdownNow();
    }
}
