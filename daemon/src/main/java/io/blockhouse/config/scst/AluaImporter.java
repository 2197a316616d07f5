package io.blockhouse.config.scst;

import io.blockhouse.config.AluaConfig;
import io.blockhouse.config.PortGroupConfig;
import io.blockhouse.config.PortGroupMember;
import io.blockhouse.config.TargetConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports SCST's ALUA configuration: {@code DEVICE_GROUP} sections and their {@code TARGET_GROUP}s (group_id, state,
 * TARGET members) become Blockhouse port groups. Blockhouse port groups hold for every device, so the device list of
 * a device group does not carry over; a second device group whose target groups would give a target another group
 * cannot be represented and is dropped with a warning. Relative target port ids are Blockhouse's own.
 */
final class AluaImporter {

    /** SCST state names (scst_tg_state_names) to Blockhouse's. */
    private static final Map<String, String> STATES = Map.of(
            "active", "active/optimized",
            "nonoptimized", "active/non-optimized",
            "standby", "standby",
            "unavailable", "unavailable",
            "transitioning", "transitioning");

    private final ImportContext context;
    private final List<PortGroupConfig> groups = new ArrayList<>();
    /** Lower-case target name to the name of the group that already holds it. */
    private final Map<String, String> placed = new HashMap<>();

    AluaImporter(ImportContext context) {
        this.context = context;
    }

    /**
     * @param targets the imported targets (a TARGET of a target group must be one of them)
     */
    void importDeviceGroup(ScstNode deviceGroup, List<TargetConfig> targets) throws ScstConfException {
        for (ScstNode entry : deviceGroup.children()) {
            switch (entry.keyword()) {
                case "DEVICE" -> {
                    // Port groups apply to every device: nothing to carry over per device.
                }
                case "TARGET_GROUP" -> importTargetGroup(deviceGroup, entry, targets);
                default -> context.dropped(entry, "DEVICE_GROUP " + deviceGroup.value());
            }
        }
    }

    private void importTargetGroup(ScstNode deviceGroup, ScstNode tg, List<TargetConfig> targets)
            throws ScstConfException {
        if (tg.values().size() != 1 || !tg.section()) {
            throw context.error(tg, 0, "TARGET_GROUP takes one name and opens a section with '{'");
        }
        Integer id = null;
        String state = "active/optimized";
        boolean preferred = false;
        List<PortGroupMember> members = new ArrayList<>();
        List<ScstNode> memberNodes = new ArrayList<>();
        for (ScstNode e : tg.children()) {
            switch (e.keyword()) {
                case "group_id" -> id = number(e);
                case "state" -> state = state(e);
                case "preferred" -> preferred = "1".equals(e.value());
                case "TARGET" -> {
                    TargetConfig t = targets.stream().filter(x -> x.name().equalsIgnoreCase(e.value())).findFirst()
                            .orElse(null);
                    if (t == null) {
                        context.warn(e, "TARGET " + e.value() + " of TARGET_GROUP " + tg.value()
                                + " dropped: not an imported iSCSI target");
                    } else if (e.children().stream().anyMatch(c -> c.keyword().equals("rel_tgt_id"))) {
                        context.warn(e, "rel_tgt_id of TARGET " + e.value() + " in TARGET_GROUP " + tg.value()
                                + " not kept: Blockhouse numbers its target ports itself");
                        members.add(new PortGroupMember(t.name(), null));
                        memberNodes.add(e);
                    } else {
                        members.add(new PortGroupMember(t.name(), null));
                        memberNodes.add(e);
                    }
                }
                default -> context.dropped(e, "TARGET_GROUP " + tg.value());
            }
        }
        if (id == null) {
            throw context.error(tg, 0, "TARGET_GROUP " + tg.value() + " has no group_id");
        }
        for (int i = 0; i < members.size(); i++) {
            String other = placed.get(members.get(i).target().toLowerCase(Locale.ROOT));
            if (other != null) {
                context.warn(memberNodes.get(i), "TARGET " + members.get(i).target() + " of DEVICE_GROUP "
                        + deviceGroup.value() + " dropped: Blockhouse port groups hold for every device and the "
                        + "target is already in group " + other);
                members.remove(i);
                memberNodes.remove(i);
                i--;
            }
        }
        if (members.isEmpty()) {
            context.warn(tg, "TARGET_GROUP " + tg.value() + " has no iSCSI target to import; dropped");
            return;
        }
        if (groups.stream().anyMatch(g -> g.name().equals(tg.value()))) {
            context.warn(tg, "TARGET_GROUP " + tg.value() + " of DEVICE_GROUP " + deviceGroup.value()
                    + " dropped: a port group of that name was already imported");
            return;
        }
        int index = groups.size();
        context.origin("alua.portGroups[" + index + "]", tg, 0);
        for (int i = 0; i < memberNodes.size(); i++) {
            context.origin("alua.portGroups[" + index + "].ports[" + i + "]", memberNodes.get(i), 0);
            placed.put(members.get(i).target().toLowerCase(Locale.ROOT), tg.value());
        }
        groups.add(new PortGroupConfig(id, tg.value(), state, preferred ? Boolean.TRUE : null, members));
    }

    private int number(ScstNode e) throws ScstConfException {
        try {
            return Integer.parseInt(e.value());
        } catch (NumberFormatException ex) {
            throw context.error(e, 0, "group_id must be a number, got " + e.value());
        }
    }

    private String state(ScstNode e) throws ScstConfException {
        String s = e.value() == null ? "" : e.value().toLowerCase(Locale.ROOT);
        if (s.equals("offline")) {
            context.warn(e, "state offline imported as unavailable: Blockhouse has no offline state");
            return "unavailable";
        }
        String mapped = STATES.get(s);
        if (mapped == null) {
            throw context.error(e, 0, "unknown ALUA state " + e.value() + " (SCST knows active, nonoptimized, "
                    + "standby, unavailable, offline, transitioning)");
        }
        return mapped;
    }

    /** The imported port groups, or null when the file has none. */
    AluaConfig alua() {
        return groups.isEmpty() ? null : new AluaConfig(null, groups);
    }
}
