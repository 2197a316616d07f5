package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.pattern;
import static io.blockhouse.scsi.ScsiHarness.rw10;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Data-Out assembled from several PDUs (a composite buffer) is written and compared without merging it. */
class CompositeDataOutTest {
    private final ScsiHarness h = ScsiHarness.standard();
    private final Nexus nexus = h.openReady();

    @AfterEach
    void close() {
        nexus.close();
        h.close();
    }

    /** Splits {@code data} into pieces of the given sizes (the last takes the rest), like Data-Out PDUs. */
    static ByteBuf composite(byte[] data, int... sizes) {
        CompositeByteBuf c = Unpooled.compositeBuffer();
        int off = 0;
        for (int size : sizes) {
            ByteBuf piece = Unpooled.directBuffer(size);
            piece.writeBytes(data, off, size);
            c.addComponent(true, piece);
            off += size;
        }
        ByteBuf last = Unpooled.directBuffer(Math.max(1, data.length - off));
        last.writeBytes(data, off, data.length - off);
        c.addComponent(true, last);
        return c;
    }

    @Test
    void piecesEndingInsideBlocksAreWrittenInOrder() {
        byte[] data = pattern(8 * 512, 3);
        ScsiResult r = h.run(nexus, 0, rw10(0x2A, 100, 8, 0), composite(data, 700, 100, 1024, 300));
        assertGood(r);
        assertArrayEquals(data, Arrays.copyOfRange(h.backend.data, 100 * 512, 108 * 512));
    }

    @Test
    void fuaWriteOfSeveralPiecesIsFlushedOnce() {
        byte[] data = pattern(4 * 512, 5);
        int flushesBefore = h.backend.flushes.get();
        assertGood(h.run(nexus, 0, rw10(0x2A, 10, 4, 0x08), composite(data, 1024)));
        assertArrayEquals(data, Arrays.copyOfRange(h.backend.data, 10 * 512, 14 * 512));
        assertEquals(flushesBefore + 1, h.backend.flushes.get());
        assertEquals(List.of(false, false), h.backend.durability());
    }

    @Test
    void verifyComparesAcrossPiecesAndReportsTheExactOffset() {
        byte[] data = pattern(4 * 512, 9);
        System.arraycopy(data, 0, h.backend.data, 20 * 512, data.length);
        assertGood(h.run(nexus, 0, rw10(0x2F, 20, 4, 0x02), composite(data, 333, 777)));
        byte[] sent = data.clone();
        sent[1109] ^= 0x40; // inside the third piece
        ScsiResult r = h.run(nexus, 0, rw10(0x2F, 20, 4, 0x02), composite(sent, 333, 777));
        SenseAssert.assertSense(r, 0xE, 0x1D, 0x00);
        byte[] s = r.sense();
        assertEquals(1109, ((s[5] & 0xFF) << 8) | (s[6] & 0xFF));
    }
}
