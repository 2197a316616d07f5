package io.blockhouse.config;

import java.util.List;

/** The asymmetric access state names the configuration accepts, in the order SPC-4 numbers them. */
public final class AccessStates {

    public static final String ACTIVE_OPTIMIZED = "active/optimized";
    public static final String ACTIVE_NON_OPTIMIZED = "active/non-optimized";
    public static final String STANDBY = "standby";
    public static final String UNAVAILABLE = "unavailable";
    public static final String TRANSITIONING = "transitioning";

    /** Every valid state name. */
    public static final List<String> NAMES = List.of(ACTIVE_OPTIMIZED, ACTIVE_NON_OPTIMIZED, STANDBY, UNAVAILABLE,
            TRANSITIONING);

    private AccessStates() {
    }

    public static boolean valid(String state) {
        return state != null && NAMES.contains(state);
    }
}
