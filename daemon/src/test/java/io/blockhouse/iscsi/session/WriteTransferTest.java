package io.blockhouse.iscsi.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** How much of a write's EDTL is solicited and collected. */
class WriteTransferTest {
    private static final int BURST = 64 * 1024;

    @Test
    void edtlBeyondTheCollectLimitIsNeverSolicited() throws DataOutException {
        WriteTransfer t = new WriteTransfer(64 << 20, Unpooled.EMPTY_BUFFER, -1, 256 * 1024);
        int solicited = 0;
        int ttt = 1;
        WriteTransfer.Burst b;
        while ((b = t.nextBurst(ttt++, BURST)) != null) {
            assertEquals(solicited, b.offset);
            solicited += b.end - b.offset;
            assertFalse(t.complete());
            t.accept(b.ttt, b.offset, 0, b.end - b.offset, true, Unpooled.buffer(b.end - b.offset)
                    .writeZero(b.end - b.offset));
        }
        assertEquals(256 * 1024, solicited, "only the collect limit is asked for, not the 64 MiB EDTL");
        assertTrue(t.complete());
        ByteBuf data = t.takeData(UnpooledByteBufAllocator.DEFAULT);
        assertEquals(256 * 1024, data.readableBytes());
        data.release();
    }

    @Test
    void edtlWithinTheLimitIsSolicitedWhole() {
        WriteTransfer t = new WriteTransfer(100_000, Unpooled.EMPTY_BUFFER, -1, 256 * 1024);
        WriteTransfer.Burst first = t.nextBurst(1, BURST);
        WriteTransfer.Burst second = t.nextBurst(2, BURST);
        assertEquals(BURST, first.end);
        assertEquals(100_000, second.end);
        assertNull(t.nextBurst(3, BURST));
        t.release();
    }
}
