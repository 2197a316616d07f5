/**
 * Admission control in the SCSI layer: {@link io.blockhouse.scsi.admission.TaskSetBound} bounds a logical unit's
 * task set across all the nexuses that map it, answering TASK SET FULL or BUSY as SAM-5 5.3.1 describes.
 */
package io.blockhouse.scsi.admission;
