package io.blockhouse.config;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code alua} section: unique group ids and names, valid state names, members naming existing targets
 * and their portals, and every target port in at most one group. Problems are reported as "path: reason" like the
 * rest of {@link ConfigValidator}.
 */
final class AluaValidator {

    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final BlockhouseConfig config;
    private final List<InetSocketAddress> listen;
    private final List<String> problems;

    AluaValidator(BlockhouseConfig config, List<InetSocketAddress> listen, List<String> problems) {
        this.config = config;
        this.listen = listen;
        this.problems = problems;
    }

    private void problem(String path, String reason) {
        problems.add(path + ": " + reason);
    }

    void check() {
        if (config.alua() == null) {
            return;
        }
        Map<String, TargetConfig> targets = new HashMap<>();
        config.targets().stream().filter(t -> t != null && t.name() != null)
                .forEach(t -> targets.putIfAbsent(t.name().toLowerCase(Locale.ROOT), t));
        Set<Integer> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        // target name -> portal (or "*" for the whole target) -> group that holds it
        Map<String, Map<String, String>> owner = new HashMap<>();
        List<PortGroupConfig> groups = config.alua().portGroups();
        for (int g = 0; g < groups.size(); g++) {
            PortGroupConfig group = groups.get(g);
            String at = "alua.portGroups[" + g + "]";
            if (group == null) {
                problem(at, "null port group");
                continue;
            }
            if (group.id() == null || group.id() < 1 || group.id() > 65535) {
                problem(at + ".id", "required, 1..65535 (0 is the implicit default group), got " + group.id());
            } else if (!ids.add(group.id())) {
                problem(at + ".id", "duplicate port group id " + group.id());
            }
            if (group.name() == null || !GROUP_NAME.matcher(group.name()).matches()) {
                problem(at + ".name", "required: 1-64 characters of A-Z a-z 0-9 _ . - (got " + group.name() + ")");
            } else if (!names.add(group.name())) {
                problem(at + ".name", "duplicate port group name \"" + group.name() + "\"");
            }
            if (!AccessStates.valid(group.state())) {
                problem(at + ".state", "must be one of " + String.join(", ", AccessStates.NAMES) + " (got "
                        + group.state() + ")");
            }
            checkMembers(at, group, targets, owner);
        }
    }

    private void checkMembers(String at, PortGroupConfig group, Map<String, TargetConfig> targets,
                              Map<String, Map<String, String>> owner) {
        Set<String> seenTargets = new HashSet<>();
        for (int m = 0; m < group.ports().size(); m++) {
            PortGroupMember member = group.ports().get(m);
            String mat = at + ".ports[" + m + "]";
            if (member == null) {
                problem(mat, "null port");
                continue;
            }
            TargetConfig target = member.target() == null ? null
                    : targets.get(member.target().toLowerCase(Locale.ROOT));
            if (target == null) {
                problem(mat + ".target", "no target named \"" + member.target() + "\"");
                continue;
            }
            String key = target.name().toLowerCase(Locale.ROOT);
            if (!seenTargets.add(key)) {
                problem(mat + ".target", target.name() + " is already listed in this group; list all its portals"
                        + " in one entry");
                continue;
            }
            Map<String, String> taken = owner.computeIfAbsent(key, k -> new HashMap<>());
            List<InetSocketAddress> available;
            try {
                available = TargetPortLayout.effectivePortals(target, listen);
            } catch (IllegalArgumentException e) {
                continue; // the target's own portal problem is reported with the target
            }
            if (member.portals().isEmpty()) {
                claim(mat + ".target", taken, "*", group.name(), target.name());
                continue;
            }
            List<String> portalKeys = new ArrayList<>();
            for (int p = 0; p < member.portals().size(); p++) {
                String pat = mat + ".portals[" + p + "]";
                try {
                    InetSocketAddress portal = HostPort.parse(String.valueOf(member.portals().get(p)), 3260);
                    if (!available.contains(portal)) {
                        problem(pat, HostPort.format(portal) + " is not one of " + target.name() + "'s portals "
                                + available.stream().map(HostPort::format).toList()
                                + " (list the target's portals explicitly to split them between groups)");
                        continue;
                    }
                    portalKeys.add(HostPort.format(portal));
                    claim(pat, taken, HostPort.format(portal), group.name(), target.name());
                } catch (IllegalArgumentException e) {
                    problem(pat, e.getMessage());
                }
            }
            boolean whole = portalKeys.size() == available.size();
            if (!whole && group.id() != null && target.portalGroupTagOrDefault() + group.id() > 65535) {
                problem(mat + ".portals", "the target port's portal group tag (target tag "
                        + target.portalGroupTagOrDefault() + " + group id " + group.id() + ") exceeds 65535");
            }
        }
    }

    /** Records that {@code what} ("*" = whole target, else a portal) of a target belongs to {@code group}. */
    private void claim(String path, Map<String, String> taken, String what, String group, String target) {
        String wholeOwner = taken.get("*");
        if (wholeOwner != null) {
            problem(path, target + " is in group \"" + wholeOwner + "\" as a whole (a target port belongs to at"
                    + " most one group)");
        } else if (what.equals("*") && !taken.isEmpty()) {
            problem(path, target + " already has a target port in group \"" + taken.values().iterator().next()
                    + "\" (a target port belongs to at most one group)");
        } else if (taken.containsKey(what)) {
            problem(path, what + " of " + target + " is already in group \"" + taken.get(what)
                    + "\" (a target port belongs to at most one group)");
        } else {
            taken.put(what, group);
        }
    }
}
