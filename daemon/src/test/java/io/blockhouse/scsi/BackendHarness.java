package io.blockhouse.scsi;

import io.blockhouse.backend.BackendSpec;
import io.blockhouse.backend.Backends;
import io.blockhouse.backend.BlockBackend;
import io.blockhouse.scsi.exec.LunCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A logical unit over a real back-end (RAM, or a file) behind a target port, driven through {@link Nexus}: what
 * the thin provisioning and offload tests run against, since their behaviour depends on the back-end.
 */
final class BackendHarness implements AutoCloseable {
    final ExecutorService io;
    final BlockBackend backend;
    final LogicalUnit unit;
    final TargetPort port = new TargetPort(ScsiHarness.TARGET + ",t,0x0001", 1);
    private final AtomicLong tags = new AtomicLong(1);

    BackendHarness(BlockBackend backend, int blockSize) {
        this(backend, blockSize, Executors.newCachedThreadPool());
    }

    /** @param io the unit's I/O executor (shut down by {@link #close()}) */
    BackendHarness(BlockBackend backend, int blockSize, ExecutorService io) {
        this.io = io;
        this.backend = backend;
        this.unit = new LogicalUnit(LogicalUnitSpec.of("thin0", blockSize, false, false, true, "THIN0001"), backend,
                io);
    }

    static BackendHarness ram(long bytes) throws IOException {
        return new BackendHarness(Backends.open(new BackendSpec(BackendSpec.Kind.RAM, null, bytes, false, false,
                false)), 512);
    }

    static BackendHarness file(Path path, long bytes) throws IOException {
        return new BackendHarness(Backends.open(new BackendSpec(BackendSpec.Kind.FILE, path, bytes, false, false,
                false)), 512);
    }

    /** A nexus whose POWER ON unit attention is already consumed. */
    Nexus openReady(String initiator, int isidLow) {
        Nexus n = port.openNexus(initiator, new byte[] {0x40, 0, 0, 0, 0, (byte) isidLow},
                LunMap.builder().add(0, unit, false).build());
        run(n, ScsiHarness.cdb(0x00), (ByteBuf) null);
        return n;
    }

    ScsiResult run(Nexus n, byte[] cdb) {
        return run(n, cdb, (ByteBuf) null);
    }

    ScsiResult run(Nexus n, byte[] cdb, byte[] dataOut) {
        ByteBuf buf = null;
        if (dataOut != null) {
            buf = Unpooled.buffer(dataOut.length, Math.max(1, dataOut.length));
            buf.writeBytes(dataOut);
        }
        return run(n, cdb, buf);
    }

    ScsiResult run(Nexus n, byte[] cdb, ByteBuf dataOut) {
        CompletableFuture<ScsiResult> f = submit(n, cdb, dataOut);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Submits without waiting: the future completes with the task's result. */
    CompletableFuture<ScsiResult> submit(Nexus n, byte[] cdb, ByteBuf dataOut) {
        CompletableFuture<ScsiResult> f = new CompletableFuture<>();
        int edtl = dataOut == null ? 0 : dataOut.readableBytes();
        n.submit(new ScsiCommand(LunCodec.encode(0), cdb, edtl, dataOut == null, dataOut != null,
                TaskAttribute.SIMPLE, tags.getAndIncrement(), dataOut), f::complete);
        return f;
    }

    /** READ (16) of {@code blocks} blocks, as bytes. */
    byte[] read(Nexus n, long lba, int blocks) {
        return ScsiHarness.dataIn(run(n, ScsiHarness.rw16(0x88, lba, blocks, 0)));
    }

    void write(Nexus n, long lba, byte[] data) {
        ScsiHarness.assertGood(run(n, ScsiHarness.rw16(0x8A, lba, data.length / 512, 0), data));
    }

    @Override
    public void close() {
        unit.close();
        io.shutdownNow();
    }
}
