package io.blockhouse.config.scst;

import io.blockhouse.config.ChapConfig;
import io.blockhouse.config.GroupConfig;
import io.blockhouse.config.IscsiNames;
import io.blockhouse.config.LunConfig;
import io.blockhouse.config.TargetConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns {@code TARGET_DRIVER iscsi { ... }} into Blockhouse targets, their LUN maps and initiator groups, the
 * discovery CHAP account and (through {@link IscsiParameters}) the global iSCSI settings.
 */
final class TargetImporter {

    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_LUN = 16383;

    private final ImportContext context;
    private final DeviceImporter devices;
    private final IscsiParameters iscsi;
    private final List<TargetConfig> targets = new ArrayList<>();
    private final Map<String, ScstNode> targetNames = new HashMap<>();
    private ChapConfig discoveryChap;

    TargetImporter(ImportContext context, DeviceImporter devices, IscsiParameters iscsi) {
        this.context = context;
        this.devices = devices;
        this.iscsi = iscsi;
    }

    List<TargetConfig> targets() {
        return targets;
    }

    ChapConfig discoveryChap() {
        return discoveryChap;
    }

    void importIscsiDriver(ScstNode driver) throws ScstConfException {
        ChapCollector chap = new ChapCollector(context, "TARGET_DRIVER iscsi (discovery)");
        Boolean enabled = null;
        Map<String, ScstNode> seen = new HashMap<>();
        int first = targets.size();
        for (ScstNode entry : driver.children()) {
            if (entry.keyword().equals("TARGET")) {
                importTarget(entry);
            } else if (entry.keyword().equalsIgnoreCase("enabled")) {
                context.once(seen, entry);
                enabled = context.flag(entry);
            } else if (!chap.offer(entry)) {
                context.dropped(entry, "TARGET_DRIVER iscsi");
            }
        }
        ChapConfig discovery = chap.build();
        if (discovery != null) {
            if (discoveryChap != null) {
                throw context.error(chap.node(), 0, "discovery CHAP is already set by an earlier TARGET_DRIVER iscsi");
            }
            discoveryChap = discovery;
            context.origin("discoveryChap", chap.node(), 0);
        }
        if (!Boolean.TRUE.equals(enabled) && targets.size() > first) {
            // iscsi-scstd serves no login while the driver is disabled, so its targets must not come up enabled.
            context.warn(driver, "TARGET_DRIVER iscsi is " + (enabled == null ? "not enabled (no 'enabled 1')"
                    : "disabled") + ": its targets are imported disabled");
            for (int i = first; i < targets.size(); i++) {
                TargetConfig t = targets.get(i);
                targets.set(i, new TargetConfig(t.name(), t.alias(), false, t.portalGroupTag(), t.portals(), t.chap(),
                        t.luns(), t.groups()));
            }
        }
    }

    private void importTarget(ScstNode node) throws ScstConfException {
        if (node.values().size() != 1) {
            throw context.error(node, node.values().isEmpty() ? 0 : 1, "TARGET takes exactly one iSCSI name");
        }
        String name = iscsiName(node, "target");
        ScstNode earlier = targetNames.putIfAbsent(name, node);
        if (earlier != null) {
            throw context.error(node, 0, "target " + name + " is already defined on line " + earlier.line());
        }
        String at = "targets[" + targets.size() + "]";
        context.origin(at, node, 0);
        ChapCollector chap = new ChapCollector(context, "target " + name);
        Boolean enabled = null;
        String alias = null;
        List<ScstNode> lunNodes = new ArrayList<>();
        List<ScstNode> groupNodes = new ArrayList<>();
        Map<String, ScstNode> seen = new HashMap<>();
        for (ScstNode entry : node.children()) {
            String key = entry.keyword();
            if (key.equals("LUN")) {
                lunNodes.add(entry);
            } else if (key.equals("GROUP")) {
                groupNodes.add(entry);
            } else if (key.equalsIgnoreCase("enabled")) {
                context.once(seen, entry);
                enabled = context.flag(entry);
            } else if (key.equalsIgnoreCase("alias")) {
                context.once(seen, entry);
                alias = context.single(entry);
            } else if (!chap.offer(entry) && !iscsi.offer(entry, name)) {
                context.dropped(entry, "target " + name);
            }
        }
        if (enabled == null) {
            context.warn(node, "target " + name + " has no 'enabled' attribute: SCST leaves such a target disabled,"
                    + " so it is imported disabled");
            enabled = false;
        }
        Map<String, ScstNode> members = new HashMap<>();
        List<LunConfig> luns = luns(lunNodes, at + ".luns", "target " + name);
        List<GroupConfig> groups = new ArrayList<>();
        for (ScstNode groupNode : groupNodes) {
            GroupConfig group = group(groupNode, at + ".groups[" + groups.size() + "]", name, members);
            if (group != null) {
                groups.add(group);
            }
        }
        ChapConfig targetChap = chap.build();
        if (targetChap != null) {
            context.origin(at + ".chap", chap.node(), 0);
        }
        targets.add(new TargetConfig(name, alias, enabled, null, null, targetChap, luns, groups));
    }

    private GroupConfig group(ScstNode node, String at, String target, Map<String, ScstNode> members)
            throws ScstConfException {
        if (node.values().size() != 1) {
            throw context.error(node, node.values().isEmpty() ? 0 : 1, "GROUP takes exactly one name");
        }
        String name = node.value();
        if (!GROUP_NAME.matcher(name).matches()) {
            throw context.error(node, 0, "group name \"" + name + "\" is not valid in Blockhouse (1-64 of"
                    + " A-Z a-z 0-9 _ . -, starting with a letter or digit)");
        }
        String scope = "group " + name + " of target " + target;
        ChapCollector chap = new ChapCollector(context, scope);
        List<ScstNode> lunNodes = new ArrayList<>();
        List<String> initiators = new ArrayList<>();
        List<ScstNode> initiatorNodes = new ArrayList<>();
        for (ScstNode entry : node.children()) {
            if (entry.keyword().equals("LUN")) {
                lunNodes.add(entry);
            } else if (entry.keyword().equals("INITIATOR")) {
                String initiator = initiator(entry, scope, members);
                if (initiator != null) {
                    initiators.add(initiator);
                    initiatorNodes.add(entry);
                }
            } else if (!chap.offer(entry)) {
                context.dropped(entry, scope);
            }
        }
        List<LunConfig> luns = luns(lunNodes, at + ".luns", scope);
        ChapConfig groupChap = chap.build();
        if (initiators.isEmpty()) {
            context.warn(node, scope + " dropped: it has no initiator Blockhouse can match by exact name");
            return null;
        }
        context.origin(at, node, 0);
        for (int i = 0; i < initiatorNodes.size(); i++) {
            context.origin(at + ".initiators[" + i + "]", initiatorNodes.get(i), 0);
        }
        if (groupChap != null) {
            context.origin(at + ".chap", chap.node(), 0);
        }
        return new GroupConfig(name, initiators, groupChap, luns);
    }

    /** The initiator's exact name, or null when it is a wildcard pattern (skipped with a warning). */
    private String initiator(ScstNode entry, String scope, Map<String, ScstNode> members) throws ScstConfException {
        String pattern = context.single(entry);
        if (pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('!') >= 0) {
            context.warn(entry, "INITIATOR " + pattern + " of " + scope + " skipped: it is a wildcard pattern and"
                    + " Blockhouse groups list exact initiator names (initiators it matched now get the target's"
                    + " default LUNs); add the names it should match by hand");
            return null;
        }
        String name = iscsiName(entry, "initiator");
        ScstNode earlier = members.putIfAbsent(name, entry);
        if (earlier != null) {
            throw context.error(entry, 0, "initiator " + name + " is already in a group of this target on line "
                    + earlier.line() + " (in Blockhouse an initiator belongs to one group per target)");
        }
        return name;
    }

    private List<LunConfig> luns(List<ScstNode> nodes, String at, String scope) throws ScstConfException {
        List<LunConfig> luns = new ArrayList<>();
        Map<Integer, ScstNode> numbers = new HashMap<>();
        for (ScstNode node : nodes) {
            if (node.values().size() != 2) {
                throw context.error(node, Math.min(node.values().size(), 2), "LUN needs a number and a device name,"
                        + " e.g. LUN 0 disk1");
            }
            long number = lunNumber(node);
            String device = node.values().get(1);
            if (devices.isSkipped(device)) {
                context.warn(node, "LUN " + number + " of " + scope + " dropped: device " + device
                        + " was not imported");
                continue;
            }
            if (!devices.isImported(device)) {
                throw context.error(node, 1, "LUN " + number + " of " + scope + ": no device named \"" + device
                        + "\" in any HANDLER section");
            }
            ScstNode earlier = numbers.putIfAbsent((int) number, node);
            if (earlier != null) {
                throw context.error(node, 0, "LUN " + number + " of " + scope + " is already mapped on line "
                        + earlier.line());
            }
            Boolean readOnly = null;
            for (ScstNode attr : node.children()) {
                if (attr.keyword().equalsIgnoreCase("read_only")) {
                    readOnly = context.flag(attr);
                } else {
                    context.dropped(attr, "LUN " + number + " of " + scope);
                }
            }
            context.origin(at + "[" + luns.size() + "]", node, 0);
            luns.add(new LunConfig((int) number, device, readOnly));
        }
        return luns;
    }

    private long lunNumber(ScstNode node) throws ScstConfException {
        String text = node.value();
        if (!text.matches("[0-9]+")) {
            throw context.error(node, 0, "LUN number must be 0.." + MAX_LUN + ", got \"" + text + "\"");
        }
        long number = text.length() > 6 ? Long.MAX_VALUE : Long.parseLong(text);
        if (number > MAX_LUN) {
            throw context.error(node, 0, "LUN number must be 0.." + MAX_LUN + ", got " + text);
        }
        return number;
    }

    /** The name in lower case (warning when that changed it), refused when not a valid iSCSI name. */
    private String iscsiName(ScstNode node, String what) throws ScstConfException {
        String written = node.value();
        String name = written.toLowerCase(Locale.ROOT);
        String problem = IscsiNames.problem(name);
        if (problem != null) {
            throw context.error(node, 0, what + " name \"" + written + "\" is not a valid iSCSI name: " + problem);
        }
        if (!name.equals(written)) {
            context.warn(node, what + " name " + written + " lower-cased to " + name
                    + " (iSCSI names compare case-insensitively; Blockhouse writes them in lower case)");
        }
        return name;
    }
}
