package io.blockhouse.mgmt;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ByteSize;
import io.blockhouse.config.ChapConfig;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.config.GroupConfig;
import io.blockhouse.config.IscsiNames;
import io.blockhouse.config.LunConfig;
import io.blockhouse.config.TargetConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The changes an administrator makes, as pure functions from one configuration to the next. Each checks what it can
 * name precisely (unknown device, duplicate LUN, invalid IQN, path outside the allowed roots) and refuses with a
 * stable code; {@link ConfigService} then runs the full validator on the result.
 */
public final class ConfigEdits {

    private final List<Path> allowedRoots;
    private final Path dataRoot;

    /**
     * @param dataRoot     relative device paths resolve against it
     * @param allowedRoots where file and block back-ends may live (the data directory is always allowed)
     */
    public ConfigEdits(Path dataRoot, List<Path> allowedRoots) {
        this.dataRoot = dataRoot.toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        roots.add(this.dataRoot);
        allowedRoots.forEach(r -> roots.add(r.toAbsolutePath().normalize()));
        this.allowedRoots = List.copyOf(roots);
    }

    public List<Path> allowedRoots() {
        return allowedRoots;
    }

    // ---- devices ----

    public BlockhouseConfig addDevice(BlockhouseConfig c, DeviceConfig d) throws MgmtException {
        String at = "devices[" + c.devices().size() + "]";
        if (d.name() == null) {
            throw MgmtException.invalid("invalid_device", at + ".name: required");
        }
        if (deviceIndex(c, d.name()) >= 0) {
            throw MgmtException.conflict("device_exists", at + ".name: a device named \"" + d.name()
                    + "\" already exists");
        }
        checkPath(at, d);
        checkSize(at, d.size(), d.blockSizeOrDefault());
        List<DeviceConfig> devices = new ArrayList<>(c.devices());
        devices.add(d);
        return new BlockhouseConfig(c.iscsi(), c.listen(), c.discoveryChap(), devices, c.targets(), c.alua());
    }

    private void checkPath(String at, DeviceConfig d) throws MgmtException {
        if (d.path() == null) {
            return;
        }
        Path p = dataRoot.resolve(d.path()).normalize();
        for (Path root : allowedRoots) {
            if (p.startsWith(root)) {
                return;
            }
        }
        throw MgmtException.invalid("path_not_allowed", at + ".path: " + p + " is outside the allowed roots "
                + allowedRoots);
    }

    private static void checkSize(String at, ByteSize size, int blockSize) throws MgmtException {
        if (size != null && (size.bytes() == 0 || size.bytes() % blockSize != 0)) {
            throw MgmtException.invalid("invalid_size", at + ".size: " + size.bytes()
                    + " bytes is not a positive multiple of the block size " + blockSize);
        }
    }

    public BlockhouseConfig removeDevice(BlockhouseConfig c, String name, boolean force) throws MgmtException {
        int i = requireDevice(c, name);
        List<String> uses = new ArrayList<>();
        List<TargetConfig> targets = new ArrayList<>();
        for (int t = 0; t < c.targets().size(); t++) {
            TargetConfig tc = c.targets().get(t);
            for (int l = 0; l < tc.luns().size(); l++) {
                if (name.equals(tc.luns().get(l).device())) {
                    uses.add("targets[" + t + "].luns[" + l + "] (LUN " + tc.luns().get(l).lun() + ")");
                }
            }
            List<GroupConfig> groups = new ArrayList<>();
            for (int g = 0; g < tc.groups().size(); g++) {
                GroupConfig gc = tc.groups().get(g);
                for (int l = 0; l < gc.luns().size(); l++) {
                    if (name.equals(gc.luns().get(l).device())) {
                        uses.add("targets[" + t + "].groups[" + g + "].luns[" + l + "] (LUN " + gc.luns().get(l).lun()
                                + ")");
                    }
                }
                groups.add(new GroupConfig(gc.name(), gc.initiators(), gc.chap(), without(gc.luns(), name)));
            }
            targets.add(withLuns(tc, without(tc.luns(), name), groups));
        }
        if (!uses.isEmpty() && !force) {
            throw MgmtException.conflict("device_in_use", "devices[" + i + "]: " + name + " is mapped as "
                    + String.join(", ", uses) + " (unmap it first, or force)");
        }
        List<DeviceConfig> devices = new ArrayList<>(c.devices());
        devices.remove(i);
        return new BlockhouseConfig(c.iscsi(), c.listen(), c.discoveryChap(), devices, targets, c.alua());
    }

    private static List<LunConfig> without(List<LunConfig> luns, String device) {
        return luns.stream().filter(l -> !device.equals(l.device())).toList();
    }

    public BlockhouseConfig resizeDevice(BlockhouseConfig c, String name, ByteSize size) throws MgmtException {
        int i = requireDevice(c, name);
        DeviceConfig d = c.devices().get(i);
        String at = "devices[" + i + "]";
        if (d.backend().equals("block")) {
            throw MgmtException.invalid("resize_unsupported", at + ".size: a block device has its own size");
        }
        checkSize(at, size, d.blockSizeOrDefault());
        DeviceConfig resized = new DeviceConfig(d.name(), d.backend(), d.path(), size, d.blockSize(), d.readOnly(),
                d.writeThrough(), d.directIo(), d.rotational(), d.serial(), d.naaId());
        List<DeviceConfig> devices = new ArrayList<>(c.devices());
        devices.set(i, resized);
        return new BlockhouseConfig(c.iscsi(), c.listen(), c.discoveryChap(), devices, c.targets(), c.alua());
    }

    // ---- targets ----

    public BlockhouseConfig addTarget(BlockhouseConfig c, TargetConfig t) throws MgmtException {
        String at = "targets[" + c.targets().size() + "]";
        String why = IscsiNames.problem(t.name());
        if (why != null) {
            throw MgmtException.invalid("invalid_iqn", at + ".name: " + why);
        }
        if (targetIndex(c, t.name()) >= 0) {
            throw MgmtException.conflict("target_exists", at + ".name: target " + t.name() + " already exists");
        }
        List<TargetConfig> targets = new ArrayList<>(c.targets());
        targets.add(t);
        return new BlockhouseConfig(c.iscsi(), c.listen(), c.discoveryChap(), c.devices(), targets, c.alua());
    }

    public BlockhouseConfig removeTarget(BlockhouseConfig c, String name) throws MgmtException {
        int i = requireTarget(c, name);
        List<TargetConfig> targets = new ArrayList<>(c.targets());
        targets.remove(i);
        return new BlockhouseConfig(c.iscsi(), c.listen(), c.discoveryChap(), c.devices(), targets, c.alua());
    }

    public BlockhouseConfig setTargetEnabled(BlockhouseConfig c, String name, boolean enabled) throws MgmtException {
        return editTarget(c, name, t -> new TargetConfig(t.name(), t.alias(), enabled, t.portalGroupTag(),
                t.portals(), t.chap(), t.luns(), t.groups()));
    }

    public BlockhouseConfig setPortals(BlockhouseConfig c, String name, List<String> portals) throws MgmtException {
        return editTarget(c, name, t -> new TargetConfig(t.name(), t.alias(), t.enabled(), t.portalGroupTag(),
                portals, t.chap(), t.luns(), t.groups()));
    }

    // ---- LUN maps ----

    /** Maps a LUN in the target's default map ({@code group} null) or in a group's map. */
    public BlockhouseConfig mapLun(BlockhouseConfig c, String target, String group, LunConfig lun)
            throws MgmtException {
        int t = requireTarget(c, target);
        String at = "targets[" + t + "]" + (group == null ? "" : ".groups[" + requireGroup(c, t, group) + "]")
                + ".luns";
        if (lun.lun() == null || lun.lun() < 0 || lun.lun() > 16383) {
            throw MgmtException.invalid("invalid_lun", at + ".lun: must be 0..16383 (got " + lun.lun() + ")");
        }
        if (lun.device() == null || deviceIndex(c, lun.device()) < 0) {
            throw MgmtException.notFound("device_not_found", at + ".device: no device named \"" + lun.device()
                    + "\"");
        }
        List<LunConfig> current = lunsOf(c.targets().get(t), group);
        if (current.stream().anyMatch(l -> lun.lun().equals(l.lun()))) {
            throw MgmtException.conflict("duplicate_lun", at + ".lun: LUN " + lun.lun() + " is already mapped");
        }
        List<LunConfig> next = new ArrayList<>(current);
        next.add(lun);
        next.sort((a, b) -> Integer.compare(a.lun(), b.lun()));
        return setLuns(c, t, group, next);
    }

    public BlockhouseConfig unmapLun(BlockhouseConfig c, String target, String group, int lun) throws MgmtException {
        int t = requireTarget(c, target);
        if (group != null) {
            requireGroup(c, t, group);
        }
        List<LunConfig> current = lunsOf(c.targets().get(t), group);
        List<LunConfig> next = current.stream().filter(l -> l.lun() != lun).toList();
        if (next.size() == current.size()) {
            throw MgmtException.notFound("lun_not_found", "targets[" + t + "]" + (group == null ? "" : " group "
                    + group) + ".luns: LUN " + lun + " is not mapped");
        }
        return setLuns(c, t, group, next);
    }

    private static List<LunConfig> lunsOf(TargetConfig t, String group) {
        if (group == null) {
            return t.luns();
        }
        return t.groups().stream().filter(g -> g.name().equals(group)).findFirst().orElseThrow().luns();
    }

    private static BlockhouseConfig setLuns(BlockhouseConfig c, int t, String group, List<LunConfig> luns) {
        TargetConfig tc = c.targets().get(t);
        TargetConfig next;
        if (group == null) {
            next = withLuns(tc, luns, tc.groups());
        } else {
            next = withLuns(tc, tc.luns(), tc.groups().stream().map(g -> g.name().equals(group)
                    ? new GroupConfig(g.name(), g.initiators(), g.chap(), luns) : g).toList());
        }
        return replaceTarget(c, t, next);
    }

    // ---- groups and initiators ----

    public BlockhouseConfig addGroup(BlockhouseConfig c, String target, GroupConfig group) throws MgmtException {
        int t = requireTarget(c, target);
        TargetConfig tc = c.targets().get(t);
        String at = "targets[" + t + "].groups[" + tc.groups().size() + "]";
        if (group.name() == null || !group.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw MgmtException.invalid("invalid_group", at + ".name: 1-64 characters of A-Z a-z 0-9 _ . -");
        }
        if (tc.groups().stream().anyMatch(g -> g.name().equals(group.name()))) {
            throw MgmtException.conflict("group_exists", at + ".name: group " + group.name() + " already exists");
        }
        for (int n = 0; n < group.initiators().size(); n++) {
            checkInitiator(at + ".initiators[" + n + "]", tc, group.initiators().get(n));
        }
        List<GroupConfig> groups = new ArrayList<>(tc.groups());
        groups.add(group);
        return replaceTarget(c, t, withLuns(tc, tc.luns(), groups));
    }

    public BlockhouseConfig removeGroup(BlockhouseConfig c, String target, String group) throws MgmtException {
        int t = requireTarget(c, target);
        requireGroup(c, t, group);
        TargetConfig tc = c.targets().get(t);
        return replaceTarget(c, t, withLuns(tc, tc.luns(),
                tc.groups().stream().filter(g -> !g.name().equals(group)).toList()));
    }

    public BlockhouseConfig addInitiator(BlockhouseConfig c, String target, String group, String initiator)
            throws MgmtException {
        int t = requireTarget(c, target);
        int g = requireGroup(c, t, group);
        TargetConfig tc = c.targets().get(t);
        GroupConfig gc = tc.groups().get(g);
        checkInitiator("targets[" + t + "].groups[" + g + "].initiators[" + gc.initiators().size() + "]", tc,
                initiator);
        List<String> initiators = new ArrayList<>(gc.initiators());
        initiators.add(initiator);
        return setGroup(c, t, g, new GroupConfig(gc.name(), initiators, gc.chap(), gc.luns()));
    }

    private static void checkInitiator(String at, TargetConfig tc, String initiator) throws MgmtException {
        String why = IscsiNames.problem(initiator);
        if (why != null) {
            throw MgmtException.invalid("invalid_iqn", at + ": " + why);
        }
        for (GroupConfig g : tc.groups()) {
            if (g.initiators().contains(initiator)) {
                throw MgmtException.conflict("initiator_exists", at + ": " + initiator + " is already in group "
                        + g.name() + " (an initiator belongs to one group per target)");
            }
        }
    }

    public BlockhouseConfig removeInitiator(BlockhouseConfig c, String target, String group, String initiator)
            throws MgmtException {
        int t = requireTarget(c, target);
        int g = requireGroup(c, t, group);
        GroupConfig gc = c.targets().get(t).groups().get(g);
        if (!gc.initiators().contains(initiator)) {
            throw MgmtException.notFound("initiator_not_found", "targets[" + t + "].groups[" + g + "].initiators: "
                    + initiator + " is not in group " + group);
        }
        List<String> initiators = gc.initiators().stream().filter(i -> !i.equals(initiator)).toList();
        return setGroup(c, t, g, new GroupConfig(gc.name(), initiators, gc.chap(), gc.luns()));
    }

    // ---- CHAP ----

    /** Sets (or with null removes) the CHAP secrets of a target, or of one of its groups. */
    public BlockhouseConfig setChap(BlockhouseConfig c, String target, String group, ChapConfig chap)
            throws MgmtException {
        int t = requireTarget(c, target);
        TargetConfig tc = c.targets().get(t);
        if (group == null) {
            return replaceTarget(c, t, new TargetConfig(tc.name(), tc.alias(), tc.enabled(), tc.portalGroupTag(),
                    tc.portals(), chap, tc.luns(), tc.groups()));
        }
        int g = requireGroup(c, t, group);
        GroupConfig gc = tc.groups().get(g);
        return setGroup(c, t, g, new GroupConfig(gc.name(), gc.initiators(), chap, gc.luns()));
    }

    // ---- helpers ----

    private static int deviceIndex(BlockhouseConfig c, String name) {
        for (int i = 0; i < c.devices().size(); i++) {
            if (c.devices().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int requireDevice(BlockhouseConfig c, String name) throws MgmtException {
        int i = deviceIndex(c, name);
        if (i < 0) {
            throw MgmtException.notFound("device_not_found", "devices: no device named \"" + name + "\"");
        }
        return i;
    }

    private static int targetIndex(BlockhouseConfig c, String name) {
        for (int i = 0; i < c.targets().size(); i++) {
            if (c.targets().get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int requireTarget(BlockhouseConfig c, String name) throws MgmtException {
        int i = targetIndex(c, name);
        if (i < 0) {
            throw MgmtException.notFound("target_not_found", "targets: no target named \"" + name + "\"");
        }
        return i;
    }

    private static int requireGroup(BlockhouseConfig c, int t, String group) throws MgmtException {
        List<GroupConfig> groups = c.targets().get(t).groups();
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).name().equals(group)) {
                return g;
            }
        }
        throw MgmtException.notFound("group_not_found", "targets[" + t + "].groups: no group named \"" + group
                + "\"");
    }

    private static BlockhouseConfig editTarget(BlockhouseConfig c, String name, UnaryOperator<TargetConfig> edit)
            throws MgmtException {
        int t = requireTarget(c, name);
        return replaceTarget(c, t, edit.apply(c.targets().get(t)));
    }

    private static BlockhouseConfig replaceTarget(BlockhouseConfig c, int t, TargetConfig next) {
        List<TargetConfig> targets = new ArrayList<>(c.targets());
        targets.set(t, next);
        return new BlockhouseConfig(c.iscsi(), c.listen(), c.discoveryChap(), c.devices(), targets, c.alua());
    }

    private static BlockhouseConfig setGroup(BlockhouseConfig c, int t, int g, GroupConfig next) {
        TargetConfig tc = c.targets().get(t);
        List<GroupConfig> groups = new ArrayList<>(tc.groups());
        groups.set(g, next);
        return replaceTarget(c, t, withLuns(tc, tc.luns(), groups));
    }

    private static TargetConfig withLuns(TargetConfig t, List<LunConfig> luns, List<GroupConfig> groups) {
        return new TargetConfig(t.name(), t.alias(), t.enabled(), t.portalGroupTag(), t.portals(), t.chap(), luns,
                groups);
    }
}
