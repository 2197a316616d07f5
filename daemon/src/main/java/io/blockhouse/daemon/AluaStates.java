package io.blockhouse.daemon;

import io.blockhouse.config.AluaConfig;
import io.blockhouse.config.PortGroupConfig;
import io.blockhouse.config.TargetPortLayout;
import io.blockhouse.scsi.alua.AccessState;
import io.blockhouse.scsi.alua.AluaState;
import io.blockhouse.scsi.alua.PortGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the SCSI layer's picture of the target port groups from a configuration and the catalog that placed its
 * target ports. Groups without any target port are left out (REPORT TARGET PORT GROUPS lists groups of ports).
 */
final class AluaStates {

    private AluaStates() {
    }

    /**
     * @param previous the picture in force until now: a group whose state did not change keeps its STATUS CODE;
     *                 one whose state the administrator changed reports "altered implicitly"
     */
    static AluaState of(AluaConfig alua, ConfiguredCatalog catalog, AluaState previous) {
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (ConfiguredTarget t : catalog.targets()) {
            for (ConfiguredTarget.Binding b : t.bindings()) {
                members.computeIfAbsent(b.layout().group(), g -> new ArrayList<>()).add(b.port().relativePortId());
            }
        }
        List<PortGroup> groups = new ArrayList<>();
        List<Integer> defaults = members.getOrDefault(TargetPortLayout.DEFAULT_GROUP, List.of());
        if (!defaults.isEmpty()) {
            groups.add(group(PortGroup.DEFAULT_ID, "default", AccessState.ACTIVE_OPTIMIZED, false,
                    defaults, previous));
        }
        for (PortGroupConfig g : alua.portGroups()) {
            List<Integer> ports = members.getOrDefault(g.id(), List.of());
            if (!ports.isEmpty()) {
                AccessState state = AccessState.ofConfigName(g.state()).orElseThrow(
                        () -> new IllegalArgumentException("unvalidated port group state " + g.state()));
                groups.add(group(g.id(), g.name(), state, g.preferredOrDefault(), ports, previous));
            }
        }
        return new AluaState(alua.explicitOrDefault(), groups);
    }

    private static PortGroup group(int id, String name, AccessState state, boolean preferred, List<Integer> ports,
                                   AluaState previous) {
        Optional<PortGroup> before = previous.group(id);
        PortGroup.Status status = before.map(b -> b.state() == state ? b.status()
                : PortGroup.Status.ALTERED_IMPLICITLY).orElse(PortGroup.Status.NONE);
        return new PortGroup(id, name, state, preferred, status, ports);
    }
}
