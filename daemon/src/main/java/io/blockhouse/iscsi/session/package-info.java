/**
 * Full feature phase: {@link io.blockhouse.iscsi.session.FullFeatureHandler} dispatches each PDU to the class for its
 * operation (SCSI command, Data-Out, NOP, task management, text, logout), all sharing one
 * {@link io.blockhouse.iscsi.session.Connection} (StatSN, {@link io.blockhouse.iscsi.session.CommandWindow}, task
 * table) on the channel's event loop. Sessions are registered in {@link io.blockhouse.iscsi.session.SessionRegistry}
 * for reinstatement. SCSI work goes to the {@link io.blockhouse.scsi.Nexus}; its completions hop back to the loop.
 */
package io.blockhouse.iscsi.session;
