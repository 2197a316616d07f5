package io.blockhouse.scsi.exec;

import io.blockhouse.backend.BlockBackend;
import io.blockhouse.scsi.LogicalUnitSpec;
import io.blockhouse.scsi.mode.ModePages;
import io.blockhouse.scsi.pr.PersistentReservations;
import io.blockhouse.scsi.sbc.BlockRangeLock;
import io.blockhouse.scsi.sbc.CopyResults;
import io.blockhouse.scsi.sbc.SanitizeState;
import io.blockhouse.scsi.sense.Sense;

/** What command processors may see and change of a logical unit. */
public interface LogicalUnitView {

    LogicalUnitSpec spec();

    /** Capacity in logical blocks. */
    long blocks();

    BlockBackend backend();

    ModePages modePages();

    /** Removes and returns the oldest unit attention pending for {@code initiatorPort}, or null. */
    Sense takeUnitAttention(String initiatorPort);

    /** A MODE SELECT from {@code changedBy} changed parameters: tell every other initiator port (2A/01). */
    void modeParametersChanged(String changedBy);

    /** The command set, for REPORT SUPPORTED OPERATION CODES. */
    CommandDispatcher dispatcher();

    /** Persistent and RESERVE/RELEASE reservations of this unit. */
    PersistentReservations reservations();

    /** This unit's block range lock: read-modify-write commands and the writes they must not interleave with. */
    BlockRangeLock rangeLock();

    /** Outcomes of this unit's EXTENDED COPY commands, for RECEIVE COPY RESULTS. */
    CopyResults copyResults();

    /** This unit's sanitize operation, if one runs. */
    SanitizeState sanitizeState();
}
