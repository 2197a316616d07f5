package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.blockhouse.scsi.admission.TaskSetBound;
import io.blockhouse.scsi.exec.LunCodec;
import io.blockhouse.scsi.pr.ReservationStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One logical unit on a memory back-end behind a target port, and helpers to drive it through {@link Nexus}. */
final class ScsiHarness implements AutoCloseable {
    static final String TARGET = "iqn.2026-01.io.blockhouse:disk0";
    static final String INITIATOR_A = "iqn.2026-01.test:a";
    static final String INITIATOR_B = "iqn.2026-01.test:b";

    final ExecutorService io = Executors.newCachedThreadPool();
    final MemoryBackend backend;
    final LogicalUnit unit;
    final TargetPort port = new TargetPort(TARGET + ",t,0x0001", 1);
    private final AtomicLong tags = new AtomicLong(1);

    ScsiHarness(long blocks, int blockSize, boolean readOnly, boolean wce) {
        this(LogicalUnitSpec.of("lu0", blockSize, readOnly, false, wce, "SERIAL0001"), blocks);
    }

    ScsiHarness(LogicalUnitSpec spec, long blocks) {
        this(spec, blocks, TaskSetBound.DEFAULT_CAPACITY);
    }

    /** A unit whose task set holds {@code taskSetCapacity} tasks over all nexuses. */
    ScsiHarness(LogicalUnitSpec spec, long blocks, int taskSetCapacity) {
        backend = new MemoryBackend(Math.toIntExact(blocks * spec.logicalBlockSize()));
        unit = new LogicalUnit(spec, backend, io, ReservationStore.NONE, taskSetCapacity);
    }

    static ScsiHarness standard() {
        return new ScsiHarness(1024, 512, false, true);
    }

    LunMap map(boolean readOnly) {
        return LunMap.builder().add(0, unit, readOnly).build();
    }

    Nexus open(String initiator, int isidLow) {
        return port.openNexus(initiator, new byte[] {0x40, 0, 0, 0, 0, (byte) isidLow}, map(false));
    }

    /** A nexus on LUN 0 whose POWER ON unit attention has already been consumed. */
    Nexus openReady(String initiator, int isidLow) {
        Nexus n = open(initiator, isidLow);
        ScsiResult r = run(n, 0, cdb(0x00));
        assertEquals(ScsiStatus.CHECK_CONDITION, r.status(), "first command sees POWER ON");
        SenseAssert.assertSense(r, 0x6, 0x29, 0x00);
        return n;
    }

    Nexus openReady() {
        return openReady(INITIATOR_A, 1);
    }

    long nextTag() {
        return tags.getAndIncrement();
    }

    ScsiResult run(Nexus n, int lun, byte[] cdb) {
        return run(n, lun, cdb, (ByteBuf) null);
    }

    ScsiResult run(Nexus n, int lun, byte[] cdb, byte[] dataOut) {
        // Not Unpooled.copiedBuffer: for zero bytes it returns the shared EMPTY_BUFFER, whose refCnt never drops.
        ByteBuf buf = Unpooled.buffer(dataOut.length, Math.max(1, dataOut.length));
        buf.writeBytes(dataOut);
        return run(n, lun, cdb, buf);
    }

    /** Submits and waits; also checks the Data-Out buffer was released exactly once. */
    ScsiResult run(Nexus n, int lun, byte[] cdb, ByteBuf dataOut) {
        CompletableFuture<ScsiResult> f = submit(n, lun, cdb, dataOut, nextTag());
        try {
            ScsiResult r = f.get(10, TimeUnit.SECONDS);
            if (dataOut != null) {
                assertEquals(0, dataOut.refCnt(), "Data-Out released");
            }
            return r;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    CompletableFuture<ScsiResult> submit(Nexus n, int lun, byte[] cdb, ByteBuf dataOut, long tag) {
        CompletableFuture<ScsiResult> f = new CompletableFuture<>();
        int edtl = dataOut == null ? 0 : dataOut.readableBytes();
        n.submit(new ScsiCommand(LunCodec.encode(lun), cdb, edtl, dataOut == null, dataOut != null,
                TaskAttribute.SIMPLE, tag, dataOut), f::complete);
        return f;
    }

    /** Copies Data-In out of the result and releases it. */
    static byte[] dataIn(ScsiResult r) {
        assertEquals(ScsiStatus.GOOD, r.status(), () -> "status with sense " + SenseAssert.hex(r.sense()));
        if (r.dataIn() == null) {
            return new byte[0];
        }
        byte[] b = ByteBufUtil.getBytes(r.dataIn());
        r.dataIn().release();
        return b;
    }

    static void assertGood(ScsiResult r) {
        assertNotNull(r);
        assertEquals(ScsiStatus.GOOD, r.status(), () -> "sense " + SenseAssert.hex(r.sense()));
        if (r.dataIn() != null) {
            r.dataIn().release();
        }
    }

    static void assertNoData(ScsiResult r) {
        assertNull(r.dataIn());
    }

    /** A 16-byte CDB starting with the given bytes. */
    static byte[] cdb(int... bytes) {
        byte[] c = new byte[16];
        for (int i = 0; i < bytes.length; i++) {
            c[i] = (byte) bytes[i];
        }
        return c;
    }

    static byte[] read10(long lba, int blocks) {
        return rw10(0x28, lba, blocks, 0);
    }

    static byte[] write10(long lba, int blocks, int flags) {
        return rw10(0x2A, lba, blocks, flags);
    }

    static byte[] rw10(int opcode, long lba, int blocks, int byte1) {
        return cdb(opcode, byte1, (int) (lba >>> 24), (int) (lba >>> 16), (int) (lba >>> 8), (int) lba, 0,
                blocks >>> 8, blocks);
    }

    static byte[] rw16(int opcode, long lba, long blocks, int byte1) {
        byte[] c = cdb(opcode, byte1);
        for (int i = 0; i < 8; i++) {
            c[2 + i] = (byte) (lba >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            c[10 + i] = (byte) (blocks >>> (24 - 8 * i));
        }
        return c;
    }

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Override
    public void close() {
        unit.close();
        io.shutdownNow();
    }
}
