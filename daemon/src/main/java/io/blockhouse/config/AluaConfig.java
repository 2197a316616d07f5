package io.blockhouse.config;

import java.util.List;

/**
 * Asymmetric logical unit access (SPC-4 ALUA): the target port groups of the appliance and whether initiators may
 * change their states themselves. Port groups are global, as SCST's target groups are: every logical unit is reached
 * through the same groups, so REPORT TARGET PORT GROUPS answers the same on every LUN. Target ports that no group
 * names form the implicit default group 0 (active/optimized).
 *
 * @param explicit   true when initiators may change states with SET TARGET PORT GROUPS (INQUIRY TPGS 11b);
 *                   otherwise only the administrator changes them (implicit ALUA, TPGS 01b)
 * @param portGroups the configured target port groups
 */
public record AluaConfig(Boolean explicit, List<PortGroupConfig> portGroups) {

    /** No groups, implicit only: every target port in group 0, active/optimized. */
    public static final AluaConfig NONE = new AluaConfig(null, null);

    public AluaConfig {
        portGroups = portGroups == null ? List.of() : List.copyOf(portGroups);
    }

    public boolean explicitOrDefault() {
        return explicit != null && explicit;
    }

    /** The same ALUA configuration with {@code groups} instead of the current groups. */
    public AluaConfig withPortGroups(List<PortGroupConfig> groups) {
        return new AluaConfig(explicit, groups);
    }
}
