package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.blockhouse.backend.BackendSpec;
import io.blockhouse.backend.Backends;
import io.blockhouse.backend.BlockBackend;
import io.blockhouse.scsi.exec.LunCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fuzz targets' logical unit: a fresh unit on a 1 MiB RAM back-end per input (so no state leaks from one input
 * to the next), two nexuses (two initiators, for reservations and copies), and the invariants every command result
 * must meet whatever the CDB and parameter list were.
 */
final class FuzzUnit implements AutoCloseable {
    static final int BLOCKS = 2048;
    static final int BLOCK_SIZE = 512;
    /** Shared by all inputs: threads are expensive to start, and every task ends before its input does. */
    private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-io");
        t.setDaemon(true);
        return t;
    });

    private final BlockBackend backend;
    final LogicalUnit unit;
    private final Nexus[] nexuses = new Nexus[2];
    private final ErrorLogWatch errorLog = new ErrorLogWatch();
    private long tag = 1;

    FuzzUnit(boolean writeCache) {
        try {
            backend = Backends.open(new BackendSpec(BackendSpec.Kind.RAM, null, (long) BLOCKS * BLOCK_SIZE, false,
                    false, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unit = new LogicalUnit(LogicalUnitSpec.of("fuzz0", BLOCK_SIZE, false, false, writeCache,
                "FUZZ0001"), backend, IO);
        TargetPort port = new TargetPort("iqn.2026-01.io.blockhouse:fuzz,t,0x0001", 1);
        LunMap map = LunMap.builder().add(0, unit, false).build();
        nexuses[0] = port.openNexus("iqn.2026-01.test:a", new byte[] {0x40, 0, 0, 0, 0, 1}, map);
        nexuses[1] = port.openNexus("iqn.2026-01.test:b", new byte[] {0x40, 0, 0, 0, 0, 2}, map);
    }

    /**
     * Submits one command on nexus {@code which} (0 or 1), waits for its result and checks it: one callback within
     * a bound (no hang), a valid status, well-formed sense for CHECK CONDITION, no sense key that only a bug or a
     * failing device explains (HARDWARE ERROR is what the unit turns an unexpected exception into; a RAM back-end
     * has no MEDIUM ERROR), Data-Out released exactly once. Data-In is released here.
     */
    ScsiResult submit(int which, byte[] cdb, byte[] dataOut, int edtl) {
        ByteBuf out = null;
        if (dataOut != null) {
            out = Unpooled.buffer(dataOut.length, Math.max(1, dataOut.length));
            out.writeBytes(dataOut);
        }
        byte[] padded = cdb.length >= 16 ? cdb : java.util.Arrays.copyOf(cdb, 16);
        CompletableFuture<ScsiResult> done = new CompletableFuture<>();
        boolean write = out != null;
        nexuses[which].submit(new ScsiCommand(LunCodec.encode(0), padded, edtl, !write && edtl > 0, write,
                TaskAttribute.SIMPLE, tag++, out), r -> {
                    if (!done.complete(r)) {
                        fail("second callback for one command");
                    }
                });
        ScsiResult r;
        try {
            r = done.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("command " + hex(padded) + " never completed", e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try {
            if (out != null) {
                assertEquals(0, out.refCnt(), "Data-Out released exactly once");
            }
            check(r, padded);
        } finally {
            if (r.dataIn() != null && r.dataIn().refCnt() > 0) {
                r.dataIn().release();
            }
        }
        return r;
    }

    private static void check(ScsiResult r, byte[] cdb) {
        assertNotNull(r, "a result");
        int s = r.status();
        assertTrue(s == ScsiStatus.GOOD || s == ScsiStatus.CHECK_CONDITION || s == ScsiStatus.CONDITION_MET
                        || s == ScsiStatus.RESERVATION_CONFLICT || s == ScsiStatus.BUSY
                        || s == ScsiStatus.TASK_SET_FULL, () -> "status 0x" + Integer.toHexString(s));
        if (s != ScsiStatus.CHECK_CONDITION) {
            return;
        }
        byte[] sense = r.sense();
        assertNotNull(sense, "CHECK CONDITION carries sense");
        assertTrue(sense.length >= 8, "sense length " + sense.length);
        int code = sense[0] & 0x7F;
        int key;
        int asc;
        if (code == 0x70 || code == 0x71) {
            assertTrue(sense.length >= 14, "fixed sense length " + sense.length);
            key = sense[2] & 0x0F;
            asc = sense[12] & 0xFF;
        } else {
            assertTrue(code == 0x72 || code == 0x73, () -> "sense response code 0x" + Integer.toHexString(code));
            key = sense[1] & 0x0F;
            asc = sense[2] & 0xFF;
        }
        assertTrue(key != 0x04 && key != 0x03, () -> "CDB " + hex(cdb) + " -> sense " + hex(sense)
                + ": an internal failure (see the log for the exception)");
        assertTrue(asc != 0x44, () -> "CDB " + hex(cdb) + " -> INTERNAL TARGET FAILURE");
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        // Waits for every task (and a sanitize in progress) and closes the back-end.
        try {
            unit.close();
        } finally {
            errorLog.close();
        }
        assertEquals(java.util.List.of(), errorLog.errors(), "nothing logged at ERROR");
    }
}
