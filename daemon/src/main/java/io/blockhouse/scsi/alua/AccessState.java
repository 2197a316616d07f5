package io.blockhouse.scsi.alua;

import java.util.Optional;

/** Asymmetric access states of a target port group (SPC-4 5.16.2.4) with their ASYMMETRIC ACCESS STATE codes. */
public enum AccessState {
    ACTIVE_OPTIMIZED(0x0, "active/optimized"),
    ACTIVE_NON_OPTIMIZED(0x1, "active/non-optimized"),
    STANDBY(0x2, "standby"),
    UNAVAILABLE(0x3, "unavailable"),
    TRANSITIONING(0xF, "transitioning");

    private final int code;
    private final String configName;

    AccessState(int code, String configName) {
        this.code = code;
        this.configName = configName;
    }

    /** The 4-bit ASYMMETRIC ACCESS STATE value. */
    public int code() {
        return code;
    }

    /** The name used in the configuration, the API and the CLI. */
    public String configName() {
        return configName;
    }

    public static Optional<AccessState> ofConfigName(String name) {
        for (AccessState s : values()) {
            if (s.configName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Optional<AccessState> ofCode(int code) {
        for (AccessState s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
