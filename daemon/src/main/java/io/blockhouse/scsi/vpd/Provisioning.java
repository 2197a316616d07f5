package io.blockhouse.scsi.vpd;

import io.blockhouse.backend.BlockBackend;
import io.blockhouse.backend.Discardable;

/**
 * How a logical unit's blocks are provisioned, as the VPD pages and READ CAPACITY (16) report it (SBC-3 4.7). A
 * unit is thin-provisioned exactly when its back-end can release space ({@link Discardable}).
 *
 * @param thin              UNMAP and WRITE SAME with UNMAP release space (LBPME, LBPU, LBPWS, LBPWS10)
 * @param readsZeros        a released block reads as zeros (LBPRZ)
 * @param granularityBlocks OPTIMAL UNMAP GRANULARITY in logical blocks (releasing less frees nothing), at least 1
 */
public record Provisioning(boolean thin, boolean readsZeros, int granularityBlocks) {

    /** Fully provisioned: no UNMAP. */
    public static final Provisioning FULL = new Provisioning(false, false, 1);

    /** The provisioning of a unit of {@code logicalBlockSize}-byte blocks over {@code backend}. */
    public static Provisioning of(BlockBackend backend, int logicalBlockSize) {
        if (!(backend instanceof Discardable d)) {
            return FULL;
        }
        int granularity = Math.max(1, d.discardGranularity() / logicalBlockSize);
        return new Provisioning(true, d.discardReadsZeros(), granularity);
    }
}
