package io.blockhouse.config;

import java.util.List;

/**
 * An initiator group of a target: the initiators (by iSCSI name) it contains, their CHAP secrets, and the LUNs they
 * see instead of the target's default LUNs (LUN masking, as SCST's ini_groups do).
 */
public record GroupConfig(String name, List<String> initiators, ChapConfig chap, List<LunConfig> luns) {

    public GroupConfig {
        initiators = initiators == null ? List.of() : List.copyOf(initiators);
        luns = luns == null ? List.of() : List.copyOf(luns);
    }
}
