package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ThinCdbs.get;
import static io.blockhouse.scsi.ThinCdbs.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.blockhouse.backend.BackendSpec;
import io.blockhouse.backend.Backends;
import io.blockhouse.scsi.exec.LunCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXTENDED COPY between two LUNs of one nexus, within one LUN, and RECEIVE COPY RESULTS. */
class ExtendedCopyTest {
    private static final long BYTES = 4L << 20;

    private final ExecutorService io = Executors.newCachedThreadPool();
    private final TargetPort port = new TargetPort(ScsiHarness.TARGET + ",t,0x0001", 1);
    private final AtomicLong tags = new AtomicLong(1);
    private LogicalUnit lun0;
    private LogicalUnit lun1;
    private LogicalUnit hidden;
    private Nexus nexus;

    @BeforeEach
    void open() throws IOException {
        lun0 = unit("a", "SERIAL-A");
        lun1 = unit("b", "SERIAL-B");
        hidden = unit("c", "SERIAL-C");
        nexus = port.openNexus(ScsiHarness.INITIATOR_A, new byte[] {0x40, 0, 0, 0, 0, 1},
                LunMap.builder().add(0, lun0, false).add(1, lun1, false).build());
        run(0, cdb(0x00), null);
        run(1, cdb(0x00), null);
    }

    private LogicalUnit unit(String name, String serial) throws IOException {
        return new LogicalUnit(LogicalUnitSpec.of(name, 512, false, false, true, serial),
                Backends.open(new BackendSpec(BackendSpec.Kind.RAM, null, BYTES, false, false, false)), io);
    }

    @AfterEach
    void close() {
        nexus.close();
        lun0.close();
        lun1.close();
        hidden.close();
        io.shutdownNow();
    }

    private ScsiResult run(int lun, byte[] cdb, byte[] dataOut) {
        ByteBuf buf = null;
        if (dataOut != null) {
            buf = Unpooled.buffer(dataOut.length, Math.max(1, dataOut.length));
            buf.writeBytes(dataOut);
        }
        CompletableFuture<ScsiResult> f = new CompletableFuture<>();
        nexus.submit(new ScsiCommand(LunCodec.encode(lun), cdb, dataOut == null ? 0 : dataOut.length,
                dataOut == null, dataOut != null, TaskAttribute.SIMPLE, tags.getAndIncrement(), buf), f::complete);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** An identification (E4h) CSCD descriptor naming {@code unit} by its NAA designator. */
    private static byte[] target(LogicalUnit unit) {
        byte[] d = new byte[32];
        d[0] = (byte) 0xE4;
        d[4] = 0x01; // binary
        d[5] = 0x03; // LU association, NAA
        d[7] = 16;
        System.arraycopy(unit.spec().naaId(), 0, d, 8, 16);
        put(d, 29, 3, 512);
        return d;
    }

    private static byte[] segment(int src, int dst, int blocks, long srcLba, long dstLba) {
        byte[] d = new byte[28];
        d[0] = 0x02;
        put(d, 2, 2, 24);
        put(d, 4, 2, src);
        put(d, 6, 2, dst);
        put(d, 10, 2, blocks);
        put(d, 12, 8, srcLba);
        put(d, 20, 8, dstLba);
        return d;
    }

    private static byte[] parameterList(int listId, byte[][] targets, byte[]... segments) {
        int length = 16 + 32 * targets.length + 28 * segments.length;
        byte[] p = new byte[length];
        p[0] = (byte) listId;
        put(p, 2, 2, 32L * targets.length);
        put(p, 8, 4, 28L * segments.length);
        int at = 16;
        for (byte[] t : targets) {
            System.arraycopy(t, 0, p, at, 32);
            at += 32;
        }
        for (byte[] s : segments) {
            System.arraycopy(s, 0, p, at, 28);
            at += 28;
        }
        return p;
    }

    private static byte[] extendedCopy(int parameterLength) {
        byte[] c = cdb(0x83, 0x00);
        put(c, 10, 4, parameterLength);
        return c;
    }

    private byte[] read(int lun, long lba, int blocks) {
        return dataIn(run(lun, ScsiHarness.rw16(0x88, lba, blocks, 0), null));
    }

    @Test
    void copiesBetweenTwoLunsAndReportsTheStatus() {
        byte[] data = pattern(300 * 512, 3);
        assertGood(run(0, ScsiHarness.rw16(0x8A, 10, 300, 0), data));
        byte[] list = parameterList(7, new byte[][] {target(lun0), target(lun1)}, segment(0, 1, 300, 10, 1000),
                segment(0, 0, 300, 10, 5000));
        assertGood(run(0, extendedCopy(list.length), list));
        assertArrayEquals(data, read(1, 1000, 300));
        assertArrayEquals(data, read(0, 5000, 300));

        byte[] status = dataIn(run(0, cdb(0x84, 0x00, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64, 0), null));
        assertEquals(8, get(status, 0, 4));
        assertEquals(0x01, status[4], "completed without errors");
        assertEquals(2, get(status, 5, 2), "segments processed");
        assertEquals(0, status[7], "transfer count in bytes");
        assertEquals(2L * 300 * 512, get(status, 8, 4));
        SenseAssert.assertSense(run(0, cdb(0x84, 0x00, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64, 0), null), 0x5, 0x24,
                0x00);
    }

    @Test
    void overlappingCopyWithinOneLunMovesTheOriginalData() {
        byte[] data = pattern(4096 * 512, 5);
        assertGood(run(0, ScsiHarness.rw16(0x8A, 0, 4096, 0), data));
        byte[] list = parameterList(1, new byte[][] {target(lun0)}, segment(0, 0, 4096, 0, 100));
        assertGood(run(0, extendedCopy(list.length), list));
        assertArrayEquals(data, read(0, 100, 4096));
    }

    @Test
    void unitsOutsideTheLunMapCannotBeReached() {
        byte[] list = parameterList(1, new byte[][] {target(lun0), target(hidden)}, segment(0, 1, 8, 0, 0));
        SenseAssert.assertSense(run(0, extendedCopy(list.length), list), 0xA, 0x0D, 0x02);
    }

    @Test
    void parameterListErrors() {
        byte[] beyond = parameterList(1, new byte[][] {target(lun0)}, segment(0, 0, 16, 0, BYTES / 512 - 8));
        SenseAssert.assertSense(run(0, extendedCopy(beyond.length), beyond), 0xA, 0x00, 0x00);
        byte[] badIndex = parameterList(1, new byte[][] {target(lun0)}, segment(0, 1, 16, 0, 0));
        SenseAssert.assertSense(run(0, extendedCopy(badIndex.length), badIndex), 0xA, 0x0D, 0x02);
        byte[] badType = parameterList(1, new byte[][] {target(lun0)}, segment(0, 0, 1, 0, 0));
        badType[16] = (byte) 0xE0;
        SenseAssert.assertSense(run(0, extendedCopy(badType.length), badType), 0x5, 0x26, 0x07);
        byte[] badSegment = parameterList(1, new byte[][] {target(lun0)}, segment(0, 0, 1, 0, 0));
        badSegment[48] = 0x01;
        SenseAssert.assertSense(run(0, extendedCopy(badSegment.length), badSegment), 0x5, 0x26, 0x09);
        byte[][] many = new byte[17][];
        java.util.Arrays.fill(many, target(lun0));
        byte[] tooMany = parameterList(1, many, segment(0, 0, 1, 0, 0));
        SenseAssert.assertSense(run(0, extendedCopy(tooMany.length), tooMany), 0x5, 0x26, 0x06);
        SenseAssert.assertSense(run(0, extendedCopy(8), new byte[8]), 0x5, 0x1A, 0x00);
        assertGood(run(0, extendedCopy(0), null));
    }

    @Test
    void operatingParametersListTheSupportedDescriptors() {
        byte[] d = dataIn(run(0, cdb(0x84, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0), null));
        assertEquals(d.length - 4, get(d, 0, 4));
        assertEquals(16, get(d, 8, 2));
        assertEquals(64, get(d, 10, 2));
        assertEquals(2, d[43]);
        assertEquals(0x02, d[44]);
        assertEquals((byte) 0xE4, d[45]);
    }
}
