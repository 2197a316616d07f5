package io.blockhouse.config;

/** One LUN mapping: LUN number, the device it shows, and whether this mapping is read-only. */
public record LunConfig(Integer lun, String device, Boolean readOnly) {

    public boolean readOnlyOrDefault() {
        return readOnly != null && readOnly;
    }
}
