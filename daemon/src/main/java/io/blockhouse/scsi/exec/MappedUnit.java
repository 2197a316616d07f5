package io.blockhouse.scsi.exec;

/**
 * A logical unit as one nexus sees it: its LUN, the unit, and whether the mapping is read-only. What a copy
 * manager may reach (EXTENDED COPY resolves its target descriptors among these, so LUN masking still applies).
 *
 * @param lun      the LUN number in the nexus's LUN map
 * @param unit     the unit's processor view
 * @param readOnly true when this nexus may not write it
 */
public record MappedUnit(int lun, LogicalUnitView unit, boolean readOnly) {
}
