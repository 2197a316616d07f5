package io.blockhouse.backend;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which 512-byte sectors of an in-memory back-end hold written data, one bit each, so that it can answer
 * {@link AllocationMap} the way a sparse file does: never written or discarded is a hole, anything written is mapped.
 * A write maps the sectors it touches; a discard unmaps only the sectors it covers whole (a partly discarded sector
 * still holds data). One bit per sector costs 1/4096 of the medium.
 *
 * <p>Thread-safe without locks: each word is updated by compare-and-set. Callers that need a write and a discard of
 * the same sectors ordered order them themselves (the SCSI layer's block range lock does).
 */
final class SectorAllocation {
    static final int SECTOR = 512;

    private final long sectors;
    private final AtomicLongArray bits;

    /** All of {@code size} bytes start as a hole. */
    SectorAllocation(long size) {
        this.sectors = (size + SECTOR - 1) / SECTOR;
        this.bits = new AtomicLongArray((int) ((sectors + 63) / 64));
    }

    /** Marks every sector that {@code [offset, offset+length)} touches as mapped. */
    void written(long offset, long length) {
        if (length > 0) {
            set(offset / SECTOR, (offset + length + SECTOR - 1) / SECTOR, true);
        }
    }

    /** Marks every sector that {@code [offset, offset+length)} covers entirely as a hole. */
    void discarded(long offset, long length) {
        long first = (offset + SECTOR - 1) / SECTOR;
        long end = (offset + length) / SECTOR;
        if (end > first) {
            set(first, end, false);
        }
    }

    /** The run of sectors with the same state from {@code offset}, at most {@code limit} bytes. */
    AllocationMap.Extent extentAt(long offset, long limit) {
        long sector = offset / SECTOR;
        long endSector = Math.min(sectors, (offset + limit + SECTOR - 1) / SECTOR);
        boolean mapped = get(sector);
        long s = sector + 1;
        long uniform = mapped ? -1L : 0L;
        while (s < endSector) {
            if ((s & 63) == 0 && s + 64 <= endSector && bits.get((int) (s >>> 6)) == uniform) {
                s += 64; // a whole word in the same state: large holes and extents cost one read per 32 KiB
            } else if (get(s) == mapped) {
                s++;
            } else {
                break;
            }
        }
        long length = Math.min(s * SECTOR, offset + limit) - offset;
        return new AllocationMap.Extent(mapped, Math.max(length, 1));
    }

    private boolean get(long sector) {
        return (bits.get((int) (sector >>> 6)) & (1L << (sector & 63))) != 0;
    }

    private void set(long from, long to, boolean value) {
        long s = from;
        while (s < to) {
            int word = (int) (s >>> 6);
            int lo = (int) (s & 63);
            int hi = (int) Math.min(64, lo + (to - s));
            long mask = hi == 64 ? -1L << lo : ((1L << hi) - 1) & (-1L << lo);
            if (value) {
                bits.getAndAccumulate(word, mask, (old, m) -> old | m);
            } else {
                bits.getAndAccumulate(word, mask, (old, m) -> old & ~m);
            }
            s += hi - lo;
        }
    }
}
