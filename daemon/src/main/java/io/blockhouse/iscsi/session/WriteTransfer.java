package io.blockhouse.iscsi.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the Data-Out of one write command (RFC 7143 sections 4.2.5.2 and 11.7-11.8): immediate data, an optional
 * unsolicited sequence, then solicited sequences, one per R2T, each validated for TTT, BufferOffset, DataSN and the F
 * bit. Segments are kept by offset and handed over as one composite buffer when everything arrived.
 *
 * <p>Owns the retained segments until {@link #takeData} or {@link #release}. Confined to the event loop.
 */
final class WriteTransfer {
    /** One outstanding R2T: the burst [offset, end) and how far the initiator has got. */
    static final class Burst {
        final int ttt;
        final int r2tSN;
        final int offset;
        final int end;
        int nextOffset;
        int nextDataSN;

        Burst(int ttt, int r2tSN, int offset, int length) {
            this.ttt = ttt;
            this.r2tSN = r2tSN;
            this.offset = offset;
            this.end = offset + length;
            this.nextOffset = offset;
        }
    }

    /** What is collected of EDTL: never more than any SCSI command here takes (see the constructor). */
    private final int wantedLength;
    private final TreeMap<Integer, ByteBuf> segments = new TreeMap<>();
    private final Map<Integer, Burst> bursts = new HashMap<>();
    private int received;
    private boolean unsolicitedOpen;
    private int unsolicitedEnd;
    private int unsolicitedNextOffset;
    private int unsolicitedNextDataSN;
    private int solicitedUpTo;
    private int r2tSN;

    /**
     * @param expectedLength   EDTL
     * @param immediate        immediate data (ownership passes to this object), may be empty
     * @param unsolicitedLimit min(FirstBurstLength, EDTL) when unsolicited Data-Out will follow, else -1
     * @param collectLimit     the most Data-Out any command can use (at least FirstBurstLength): EDTL beyond it is
     *                         never solicited, so an initiator announcing a huge EDTL cannot make the target hold
     *                         that much memory; the SCSI layer reports the residual against EDTL as usual
     */
    WriteTransfer(int expectedLength, ByteBuf immediate, int unsolicitedLimit, int collectLimit) {
        this.wantedLength = Math.min(expectedLength, collectLimit);
        int immediateLength = immediate.readableBytes();
        if (immediateLength > 0) {
            segments.put(0, immediate);
            received = immediateLength;
        } else {
            immediate.release();
        }
        unsolicitedNextOffset = immediateLength;
        if (unsolicitedLimit > immediateLength) {
            unsolicitedOpen = true;
            unsolicitedEnd = unsolicitedLimit;
        } else {
            unsolicitedEnd = immediateLength;
        }
        solicitedUpTo = unsolicitedEnd;
    }

    boolean complete() {
        return received >= wantedLength && !unsolicitedOpen && bursts.isEmpty();
    }

    /** Whether the unsolicited sequence has ended, so R2Ts may be issued for the rest. */
    boolean unsolicitedDone() {
        return !unsolicitedOpen;
    }

    int outstandingBursts() {
        return bursts.size();
    }

    int r2tCount() {
        return r2tSN;
    }

    /**
     * Plans the next R2T if data remains unrequested. Returns null when nothing is left to solicit.
     */
    Burst nextBurst(int ttt, int maxBurstLength) {
        if (unsolicitedOpen || solicitedUpTo >= wantedLength) {
            return null;
        }
        int length = Math.min(maxBurstLength, wantedLength - solicitedUpTo);
        Burst burst = new Burst(ttt, r2tSN++, solicitedUpTo, length);
        solicitedUpTo += length;
        bursts.put(ttt, burst);
        return burst;
    }

    /**
     * Accepts one Data-Out segment. {@code data} may be null when the payload was discarded for a digest error: the
     * range still counts as transferred so the sequence can finish. Ownership of {@code data} passes to this object
     * on success; on exception the caller keeps it.
     *
     * @return true when this PDU finished its sequence (an R2T burst completed, so another R2T may be sent)
     */
    boolean accept(int ttt, int offset, int dataSN, int length, boolean finalBit, ByteBuf data)
            throws DataOutException {
        if (ttt == 0xffffffff) {
            return acceptUnsolicited(offset, dataSN, length, finalBit, data);
        }
        Burst burst = bursts.get(ttt);
        if (burst == null) {
            throw new DataOutException("Data-Out with unknown TTT 0x" + Integer.toHexString(ttt),
                    DataOutException.INVALID_TTT);
        }
        check(offset == burst.nextOffset, "BufferOffset " + offset + ", expected " + burst.nextOffset,
                DataOutException.DATA_OFFSET_ERROR);
        check(dataSN == burst.nextDataSN, "DataSN " + dataSN + ", expected " + burst.nextDataSN,
                DataOutException.DATA_PHASE_ERROR);
        int end = offset + length;
        check(end <= burst.end, "Data-Out runs past the R2T burst end " + burst.end,
                DataOutException.TOO_MUCH_WRITE_DATA);
        check(finalBit == (end == burst.end), finalBit ? "F bit before the end of the burst"
                : "burst complete without the F bit", DataOutException.DATA_PHASE_ERROR);
        store(offset, length, data);
        burst.nextOffset = end;
        burst.nextDataSN++;
        if (finalBit) {
            bursts.remove(ttt);
            return true;
        }
        return false;
    }

    private boolean acceptUnsolicited(int offset, int dataSN, int length, boolean finalBit, ByteBuf data)
            throws DataOutException {
        check(unsolicitedOpen, "unsolicited Data-Out not allowed here", DataOutException.TOO_MUCH_WRITE_DATA);
        check(offset == unsolicitedNextOffset, "BufferOffset " + offset + ", expected " + unsolicitedNextOffset,
                DataOutException.DATA_OFFSET_ERROR);
        check(dataSN == unsolicitedNextDataSN, "DataSN " + dataSN + ", expected " + unsolicitedNextDataSN,
                DataOutException.DATA_PHASE_ERROR);
        int end = offset + length;
        check(end <= unsolicitedEnd, "unsolicited data beyond FirstBurstLength/EDTL", DataOutException.TOO_MUCH_WRITE_DATA);
        check(!(end == unsolicitedEnd && !finalBit), "unsolicited sequence complete without the F bit",
                DataOutException.DATA_PHASE_ERROR);
        store(offset, length, data);
        unsolicitedNextOffset = end;
        unsolicitedNextDataSN++;
        if (finalBit) {
            // The initiator may stop short of FirstBurstLength; R2Ts then cover the rest.
            unsolicitedOpen = false;
            unsolicitedEnd = end;
            solicitedUpTo = end;
            return true;
        }
        return false;
    }

    private void store(int offset, int length, ByteBuf data) {
        if (data != null && length > 0) {
            segments.put(offset, data);
        } else if (data != null) {
            data.release();
        }
        received += length;
    }

    private static void check(boolean ok, String message, int[] ascAscq) throws DataOutException {
        if (!ok) {
            throw new DataOutException(message, ascAscq);
        }
    }

    /**
     * The collected data in offset order, ownership passing to the caller; null when EDTL is zero. Only valid once
     * {@link #complete()}.
     */
    ByteBuf takeData(ByteBufAllocator alloc) {
        if (segments.isEmpty()) {
            return null;
        }
        List<ByteBuf> parts = new ArrayList<>(segments.values());
        segments.clear();
        if (parts.size() == 1) {
            return parts.get(0);
        }
        CompositeByteBuf composite = alloc.compositeBuffer(parts.size());
        composite.addComponents(true, parts);
        return composite;
    }

    /** Releases everything collected so far (task aborted or connection closed). */
    void release() {
        for (ByteBuf b : segments.values()) {
            b.release();
        }
        segments.clear();
        bursts.clear();
        unsolicitedOpen = false;
    }
}
