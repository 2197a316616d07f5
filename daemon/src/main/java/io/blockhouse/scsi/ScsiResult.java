package io.blockhouse.scsi;

import io.netty.buffer.ByteBuf;

/**
 * Outcome of one SCSI command.
 *
 * <p>{@code dataIn} (may be null) belongs to the receiver of the result, who releases it exactly once. Its length is
 * what the command produced after the CDB's own limits (allocation length, transfer length); the transport compares
 * it, for reads, and {@code transferLength}, for writes, with EDTL to report residual overflow or underflow.
 *
 * @param status         SAM status byte ({@link ScsiStatus})
 * @param sense          sense data already in the format the logical unit uses (fixed or descriptor), or null
 * @param dataIn         Data-In payload or null
 * @param transferLength bytes the CDB asked to move (Data-Out for writes, before truncation by the allocation length
 *                       for reads this equals dataIn's length); used for residual counts
 * @param aborted        the task was aborted by task management: the transport sends no response for it
 */
public record ScsiResult(int status, byte[] sense, ByteBuf dataIn, int transferLength, boolean aborted) {
}
