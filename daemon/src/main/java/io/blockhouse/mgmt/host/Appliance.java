package io.blockhouse.mgmt.host;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this daemon runs on the Blockhouse appliance, where it owns the host's network, clock, users and power.
 * The image writes {@value #DEFAULT_MARKER}; elsewhere (a development machine, a CI runner) the settings are
 * validated and refused with {@code not_appliance} instead of reconfiguring somebody's workstation. System property
 * {@value #MARKER_PROPERTY} names another marker file (tests).
 */
public final class Appliance {

    /** The marker file the appliance image carries. */
    public static final String DEFAULT_MARKER = "/etc/blockhouse-appliance";
    /** System property naming the marker file. */
    public static final String MARKER_PROPERTY = "blockhouse.applianceMarker";

    private Appliance() {
    }

    public static boolean detected() {
        return Files.isRegularFile(Path.of(System.getProperty(MARKER_PROPERTY, DEFAULT_MARKER)));
    }

    static HostException refusal(String action) {
        return new HostException(409, "not_appliance", "host: cannot " + action + ": this daemon is not running on "
                + "the Blockhouse appliance (" + System.getProperty(MARKER_PROPERTY, DEFAULT_MARKER) + " is missing), "
                + "so it leaves the host's settings alone; the request itself is valid");
    }
}
