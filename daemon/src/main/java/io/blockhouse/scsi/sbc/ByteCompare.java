package io.blockhouse.scsi.sbc;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Finds the first differing byte between two buffers through their NIO views, so that a compare of megabytes costs
 * one buffer access each instead of one per byte (Netty's leak detector records every ByteBuf access in tests).
 */
final class ByteCompare {
    private ByteCompare() {
    }

    /**
     * Offset (from {@code aIndex}/{@code bIndex}) of the first byte that differs in {@code length} bytes of the two
     * buffers, or -1 when they are equal. Indexes are absolute; reader indexes are not moved.
     */
    static long firstMismatch(ByteBuf a, int aIndex, ByteBuf b, int bIndex, int length) {
        return firstMismatch(a.nioBuffers(aIndex, length), b.nioBuffers(bIndex, length));
    }

    /** The same over NIO views that each cover the same total number of bytes. */
    static long firstMismatch(ByteBuffer[] a, ByteBuffer[] b) {
        int ai = 0;
        int bi = 0;
        int aPos = 0;
        int bPos = 0;
        long done = 0;
        while (ai < a.length && bi < b.length) {
            ByteBuffer x = a[ai];
            ByteBuffer y = b[bi];
            int n = Math.min(x.remaining() - aPos, y.remaining() - bPos);
            if (n > 0) {
                ByteBuffer xs = x.slice(x.position() + aPos, n);
                ByteBuffer ys = y.slice(y.position() + bPos, n);
                int m = xs.mismatch(ys);
                if (m >= 0) {
                    return done + m;
                }
            }
            done += n;
            aPos += n;
            bPos += n;
            if (aPos == x.remaining()) {
                ai++;
                aPos = 0;
            }
            if (bPos == y.remaining()) {
                bi++;
                bPos = 0;
            }
        }
        return -1;
    }

    /**
     * Compares {@code medium} (readable bytes) with {@code pattern} repeated every {@code patternLength} bytes;
     * the result is the offset in {@code medium} of the first difference, or -1.
     */
    static long firstMismatchRepeated(ByteBuf medium, ByteBuf pattern, int patternIndex, int patternLength) {
        ByteBuffer[] patternViews = pattern.nioBuffers(patternIndex, patternLength);
        ByteBuffer whole = medium.nioBuffer(medium.readerIndex(), medium.readableBytes());
        int total = whole.remaining();
        for (int off = 0; off < total; off += patternLength) {
            int len = Math.min(patternLength, total - off);
            ByteBuffer[] p = len == patternLength ? patternViews : pattern.nioBuffers(patternIndex, len);
            long m = firstMismatch(new ByteBuffer[] {whole.slice(off, len)}, p);
            if (m >= 0) {
                return off + m;
            }
        }
        return -1;
    }
}
