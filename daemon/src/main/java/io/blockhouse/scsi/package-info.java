/**
 * The SCSI target (SAM-5 / SPC-4 / SBC-3) behind the {@link io.blockhouse.scsi.Nexus} contract.
 *
 * <p>Data flow: a transport submits a {@link io.blockhouse.scsi.ScsiCommand} to the nexus of its session
 * ({@link io.blockhouse.scsi.TargetPort#openNexus}); the nexus decodes the LUN through its
 * {@link io.blockhouse.scsi.LunMap} and hands a task to the {@link io.blockhouse.scsi.LogicalUnit}, which checks unit
 * attentions, finds the command processor ({@code exec.CommandDispatcher}, processors in {@code spc} and
 * {@code sbc}) and runs it inline or on its I/O executor. Processors throw {@code sense.SenseException}; the unit
 * turns it into CHECK CONDITION with fixed or descriptor sense ({@code mode.ModePages} D_SENSE). Task management
 * goes the same way: nexus, then unit (or every unit of the target port for target resets).
 */
package io.blockhouse.scsi;
