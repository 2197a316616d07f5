package io.blockhouse.iscsi.session;

import io.blockhouse.scsi.TaskAttribute;

/**
 * One SCSI command between its SCSI Command PDU and its response: waiting for its CmdSN turn, collecting Data-Out,
 * executing in the nexus. Confined to the connection's event loop.
 */
final class ScsiTask {
    final int itt;
    final long lun;
    final byte[] cdb;
    final int expectedLength;
    final boolean read;
    final boolean write;
    final TaskAttribute attribute;
    /** Null for commands without Data-Out. */
    final WriteTransfer transfer;

    boolean ordered;
    boolean submitted;
    boolean aborted;
    /** A SCSI Response / final Data-In went out: the task completed normally. */
    boolean answered;
    /** Sense data to answer with instead of executing (digest error in Data-Out, unsupported command form). */
    byte[] failureSense;
    /** A status to answer with instead of executing (TASK SET FULL / BUSY: no room to buffer its data), or 0. */
    int refusalStatus;
    /** The write buffer claimed for this task ({@link BufferAdmission}), or null. */
    io.blockhouse.iscsi.admission.WriteBudget.Claim bufferClaim;

    ScsiTask(int itt, long lun, byte[] cdb, int expectedLength, boolean read, boolean write, TaskAttribute attribute,
             WriteTransfer transfer) {
        this.itt = itt;
        this.lun = lun;
        this.cdb = cdb;
        this.expectedLength = expectedLength;
        this.read = read;
        this.write = write;
        this.attribute = attribute;
        this.transfer = transfer;
    }

    /** No more Data-Out is wanted: the task ends without executing (see {@link #abandonTransfer()}). */
    boolean transferAbandoned;

    boolean dataComplete() {
        return transfer == null || transferAbandoned || transfer.complete();
    }

    /** Gives up on the rest of the Data-Out and frees what arrived; the task can then answer with its failure. */
    void abandonTransfer() {
        transferAbandoned = true;
        releaseData();
    }

    /** Fails the task with the given sense once its data transfer ends; the first failure wins. */
    void fail(byte[] sense) {
        if (failureSense == null) {
            failureSense = sense;
        }
    }

    void releaseData() {
        if (transfer != null) {
            transfer.release();
        }
    }
}
