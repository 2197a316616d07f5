package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.pattern;

import io.blockhouse.backend.BlockBackend;
import io.blockhouse.backend.Discardable;
import io.blockhouse.scsi.exec.LunCodec;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full file system under the back-end (ENOSPC) gives the sense SBC-3 asks for: on a thin-provisioned unit
 * (LBPME=1, its back-end can release space) DATA PROTECT / SPACE ALLOCATION FAILED WRITE PROTECT (07/27/07); on a
 * fully provisioned one, where running out of space is not a provisioning condition, MEDIUM ERROR / WRITE ERROR
 * (03/0C/00).
 */
class OutOfSpaceSenseTest {
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final TargetPort port = new TargetPort(ScsiHarness.TARGET + ",t,0x0001", 1);

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    /** Every write fails as a FileChannel's does when the file system is full; reads find zeros. */
    private static class FullFileSystem extends BlockBackendStub {
        FullFileSystem() {
            super(1 << 20, 512);
        }

        @Override
        public void read(long offset, ByteBuffer dst) {
            dst.position(dst.limit());
        }

        @Override
        public void write(long offset, ByteBuffer src, boolean durable) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public String describe() {
            return "full file system";
        }
    }

    private static final class ThinFullFileSystem extends FullFileSystem implements Discardable {
        @Override
        public void discard(long offset, long length) {
        }

        @Override
        public boolean discardReadsZeros() {
            return true;
        }
    }

    private ScsiResult writeOnce(BlockBackend backend) throws Exception {
        LogicalUnit unit = new LogicalUnit(LogicalUnitSpec.of("full", 512, false, false, false, "SERIAL0009"),
                backend, io);
        Nexus n = port.openNexus(ScsiHarness.INITIATOR_A, new byte[] {0x40, 0, 0, 0, 0, 1},
                LunMap.builder().add(0, unit, false).build());
        try {
            run(n, ScsiHarness.cdb(0x00), null); // POWER ON unit attention
            byte[] data = pattern(4096, 1);
            return run(n, ScsiHarness.write10(0, 8, 0), data);
        } finally {
            n.close();
            unit.close();
        }
    }

    private static ScsiResult run(Nexus n, byte[] cdb, byte[] dataOut) throws Exception {
        CompletableFuture<ScsiResult> f = new CompletableFuture<>();
        n.submit(new ScsiCommand(LunCodec.encode(0), cdb,
                dataOut == null ? 0 : dataOut.length, dataOut == null, dataOut != null, TaskAttribute.SIMPLE, 1,
                dataOut == null ? null : Unpooled.wrappedBuffer(dataOut)), f::complete);
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void thinUnitAnswersSpaceAllocationFailedWriteProtect() throws Exception {
        SenseAssert.assertSense(writeOnce(new ThinFullFileSystem()), 0x7, 0x27, 0x07);
    }

    @Test
    void fullyProvisionedUnitAnswersWriteError() throws Exception {
        SenseAssert.assertSense(writeOnce(new FullFileSystem()), 0x3, 0x0C, 0x00);
    }
}
