/**
 * Admission control of the iSCSI server, so that no number of initiators can exhaust the daemon: how many TCP
 * connections may be logging in at once and how many sessions may exist ({@link
 * io.blockhouse.iscsi.admission.ConnectionAdmission}), and how much write data may be buffered between the network
 * and the back-ends ({@link io.blockhouse.iscsi.admission.WriteBudget}). Limits come from {@link
 * io.blockhouse.iscsi.admission.AdmissionLimits}. Lock-free: atomics only, nothing here serialises the I/O path.
 */
package io.blockhouse.iscsi.admission;
