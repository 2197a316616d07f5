package io.blockhouse.config;

import io.blockhouse.iscsi.admission.AdmissionLimits;
import io.blockhouse.iscsi.server.BusyPolling;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed configuration for everything that can be known without touching the system: names, ranges,
 * references between devices and LUN maps, CHAP secret rules. Collects every problem so an administrator fixes a
 * file in one pass.
 */
final class ConfigValidator {

    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> BACKENDS = Set.of("file", "block", "null", "ram");
    /** 64 KiB: larger than any real disk's physical block, and within the 4-bit exponent READ CAPACITY (16) has. */
    static final int MAX_PHYSICAL_BLOCK_SIZE = 65536;
    /** RFC 7143 limits for data segment and burst lengths. */
    private static final int MIN_SEGMENT = 512;
    private static final int MAX_SEGMENT = 16_777_215;
    /** SAM flat-space LUNs an iSCSI initiator can address with single-level LUN structures. */
    static final int MAX_LUN = 16383;

    private final BlockhouseConfig config;
    private final List<String> problems = new ArrayList<>();

    ConfigValidator(BlockhouseConfig config) {
        this.config = config;
    }

    List<String> problems() {
        List<InetSocketAddress> listen = checkListen();
        checkIscsi(config.iscsi());
        Set<String> devices = checkDevices();
        checkTargets(devices, listen);
        new AluaValidator(config, listen, problems).check();
        if (config.discoveryChap() != null) {
            checkChap("discoveryChap", config.discoveryChap());
        }
        if (config.metrics() != null) {
            problems.addAll(config.metrics().problems(listen));
        }
        problems.addAll(ApiSectionValidator.problems(config.api(), listen));
        if (config.system() != null) {
            problems.addAll(SystemConfigValidator.problems(config.system()));
        }
        return problems;
    }

    private void problem(String path, String reason) {
        problems.add(path + ": " + reason);
    }

    private List<InetSocketAddress> checkListen() {
        List<InetSocketAddress> out = new ArrayList<>();
        Set<InetSocketAddress> seen = new HashSet<>();
        for (int i = 0; i < config.listen().size(); i++) {
            String text = config.listen().get(i);
            try {
                InetSocketAddress a = HostPort.parse(text == null ? "" : text, -1);
                if (!seen.add(a)) {
                    problem("listen[" + i + "]", "duplicate address " + text);
                }
                out.add(a);
            } catch (IllegalArgumentException e) {
                problem("listen[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private void checkIscsi(IscsiConfig c) {
        range("iscsi.queueDepth", c.queueDepth(), 1, 4096);
        range("iscsi.maxRecvDataSegmentLength", c.maxRecvDataSegmentLength(), MIN_SEGMENT, MAX_SEGMENT);
        range("iscsi.maxBurstLength", c.maxBurstLength(), MIN_SEGMENT, MAX_SEGMENT);
        range("iscsi.firstBurstLength", c.firstBurstLength(), MIN_SEGMENT, MAX_SEGMENT);
        range("iscsi.maxOutstandingR2T", c.maxOutstandingR2T(), 1, 65535);
        range("iscsi.nopInIntervalSeconds", c.nopInIntervalSeconds(), 0, 3600);
        range("iscsi.nopInTimeoutSeconds", c.nopInTimeoutSeconds(), 1, 3600);
        range("iscsi.loginTimeoutSeconds", c.loginTimeoutSeconds(), 1, 3600);
        range("iscsi.maxSessions", c.maxSessions(), 1, 65535);
        range("iscsi.maxLoginsInProgress", c.maxLoginsInProgress(), 1, 65535);
        range("iscsi.taskSetSize", c.taskSetSize(), 1, 65535);
        range("iscsi.pollMicros", c.pollMicros(), 0, BusyPolling.MAX_MICROS);
        range("iscsi.writeBufferMiB", c.writeBufferMiB(), (int) (AdmissionLimits.MIN_WRITE_BUFFER_BYTES >> 20),
                1 << 20);
        var s = c.toSettings();
        if (s.firstBurstLength() > s.maxBurstLength()) {
            problem("iscsi.firstBurstLength", "must not exceed maxBurstLength (" + s.maxBurstLength() + ")");
        }
    }

    private void range(String path, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            problem(path, "must be " + min + ".." + max + ", got " + value);
        }
    }

    private Set<String> checkDevices() {
        Set<String> names = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < config.devices().size(); i++) {
            DeviceConfig d = config.devices().get(i);
            String at = "devices[" + i + "]";
            if (d == null) {
                problem(at, "null device");
                continue;
            }
            if (d.name() == null || !DEVICE_NAME.matcher(d.name()).matches()) {
                problem(at + ".name", "required: 1-64 characters of A-Z a-z 0-9 _ . - (got " + d.name() + ")");
            } else if (!names.add(d.name())) {
                problem(at + ".name", "duplicate device name \"" + d.name() + "\"");
            }
            checkBackend(at, d);
            if (d.path() != null && !paths.add(d.path())) {
                problem(at + ".path", "already used by another device: " + d.path());
            }
            int bs = d.blockSizeOrDefault();
            if (bs != 512 && bs != 4096) {
                problem(at + ".blockSize", "must be 512 or 4096, got " + bs);
            }
            int pbs = d.physicalBlockSizeOrDefault();
            if (Integer.bitCount(pbs) != 1 || pbs < bs || pbs > MAX_PHYSICAL_BLOCK_SIZE) {
                problem(at + ".physicalBlockSize", "must be a power of two from blockSize (" + bs + ") to "
                        + MAX_PHYSICAL_BLOCK_SIZE + ", got " + pbs);
            }
            if (d.serial() != null && !d.serial().matches("[\\x21-\\x7e]{1,32}")) {
                problem(at + ".serial", "must be 1-32 printable ASCII characters without spaces");
            }
            if (d.naaId() != null && !d.naaId().matches("(0x)?6[0-9a-fA-F]{31}")) {
                problem(at + ".naaId", "must be 32 hex digits of an NAA type 6 identifier (starting with 6)");
            }
        }
        return names;
    }

    private void checkBackend(String at, DeviceConfig d) {
        if (d.backend() == null || !BACKENDS.contains(d.backend())) {
            problem(at + ".backend", "must be one of file, block, null, ram (got " + d.backend() + ")");
            return;
        }
        boolean needsPath = d.backend().equals("file") || d.backend().equals("block");
        if (needsPath && (d.path() == null || d.path().isBlank())) {
            problem(at + ".path", "required for a " + d.backend() + " back-end");
        }
        if (!needsPath && d.path() != null) {
            problem(at + ".path", "not used by a " + d.backend() + " back-end; remove it");
        }
        if (d.backend().equals("block") && d.size() != null) {
            problem(at + ".size", "a block device's size is the device's own; remove it");
        }
        if ((d.backend().equals("null") || d.backend().equals("ram")) && d.size() == null) {
            problem(at + ".size", "required for a " + d.backend() + " back-end (e.g. \"1G\")");
        }
        if (d.size() != null) {
            if (d.size().bytes() == 0) {
                problem(at + ".size", "must be greater than 0");
            } else if (d.size().bytes() % 4096 != 0) {
                problem(at + ".size", "must be a multiple of 4096 bytes, got " + d.size().bytes());
            }
        }
        if (d.directIoOrDefault() && !needsPath) {
            problem(at + ".directIo", "only file and block back-ends do direct I/O");
        }
    }

    private void checkTargets(Set<String> devices, List<InetSocketAddress> listen) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.targets().size(); i++) {
            TargetConfig t = config.targets().get(i);
            String at = "targets[" + i + "]";
            if (t == null) {
                problem(at, "null target");
                continue;
            }
            String nameProblem = IscsiNames.problem(t.name());
            if (nameProblem != null) {
                problem(at + ".name", nameProblem);
            } else if (!names.add(t.name())) {
                problem(at + ".name", "duplicate target name " + t.name());
            }
            range(at + ".portalGroupTag", t.portalGroupTag(), 1, 65535);
            if (t.alias() != null && t.alias().length() > 255) {
                problem(at + ".alias", "longer than 255 characters");
            }
            checkPortals(at, t, listen);
            if (t.chap() != null) {
                checkChap(at + ".chap", t.chap());
            }
            checkLuns(at + ".luns", t.luns(), devices);
            checkGroups(at, t, devices);
        }
    }

    private void checkPortals(String at, TargetConfig t, List<InetSocketAddress> listen) {
        for (int p = 0; p < t.portals().size(); p++) {
            try {
                InetSocketAddress portal = HostPort.parse(String.valueOf(t.portals().get(p)), 3260);
                boolean served = listen.stream().anyMatch(l -> l.getPort() == portal.getPort()
                        && (l.getAddress().isAnyLocalAddress() || l.getAddress().equals(portal.getAddress())));
                if (!served) {
                    problem(at + ".portals[" + p + "]", HostPort.format(portal)
                            + " is not among the listen addresses " + config.listen());
                }
            } catch (IllegalArgumentException e) {
                problem(at + ".portals[" + p + "]", e.getMessage());
            }
        }
    }

    private void checkGroups(String at, TargetConfig t, Set<String> devices) {
        Set<String> groupNames = new HashSet<>();
        Map<String, String> memberOf = new HashMap<>();
        for (int g = 0; g < t.groups().size(); g++) {
            GroupConfig group = t.groups().get(g);
            String gat = at + ".groups[" + g + "]";
            if (group == null) {
                problem(gat, "null group");
                continue;
            }
            if (group.name() == null || !DEVICE_NAME.matcher(group.name()).matches()) {
                problem(gat + ".name", "required: 1-64 characters of A-Z a-z 0-9 _ . -");
            } else if (!groupNames.add(group.name())) {
                problem(gat + ".name", "duplicate group name \"" + group.name() + "\"");
            }
            if (group.initiators().isEmpty()) {
                problem(gat + ".initiators", "a group needs at least one initiator name");
            }
            for (int n = 0; n < group.initiators().size(); n++) {
                String ini = group.initiators().get(n);
                String why = IscsiNames.problem(ini);
                if (why != null) {
                    problem(gat + ".initiators[" + n + "]", why);
                } else if (memberOf.putIfAbsent(ini, group.name()) != null) {
                    problem(gat + ".initiators[" + n + "]", ini + " is already in group \"" + memberOf.get(ini)
                            + "\" (an initiator belongs to one group per target)");
                }
            }
            if (group.chap() != null) {
                checkChap(gat + ".chap", group.chap());
            }
            checkLuns(gat + ".luns", group.luns(), devices);
        }
    }

    private void checkLuns(String at, List<LunConfig> luns, Set<String> devices) {
        Set<Integer> numbers = new HashSet<>();
        for (int l = 0; l < luns.size(); l++) {
            LunConfig lun = luns.get(l);
            String lat = at + "[" + l + "]";
            if (lun == null) {
                problem(lat, "null LUN");
                continue;
            }
            if (lun.lun() == null || lun.lun() < 0 || lun.lun() > MAX_LUN) {
                problem(lat + ".lun", "required, 0.." + MAX_LUN + " (got " + lun.lun() + ")");
            } else if (!numbers.add(lun.lun())) {
                problem(lat + ".lun", "LUN " + lun.lun() + " is mapped twice");
            }
            if (lun.device() == null || !devices.contains(lun.device())) {
                problem(lat + ".device", "no device named \"" + lun.device() + "\"");
            }
        }
    }

    private void checkChap(String at, ChapConfig c) {
        if (c.user() == null || c.user().isBlank()) {
            problem(at + ".user", "required");
        }
        checkSecret(at + ".secret", c.secret());
        if ((c.mutualUser() == null) != (c.mutualSecret() == null)) {
            problem(at, "mutualUser and mutualSecret go together");
        } else if (c.mutualSecret() != null) {
            checkSecret(at + ".mutualSecret", c.mutualSecret());
            if (c.mutualSecret().equals(c.secret())) {
                // RFC 7143 12.1.3: the two directions must use different secrets, or a reflection attack works.
                problem(at + ".mutualSecret", "must differ from secret");
            }
        }
    }

    private void checkSecret(String at, String secret) {
        if (secret == null) {
            problem(at, "required");
        } else if (secret.length() < 12 || secret.length() > 255) {
            // RFC 7143 12.1.3 asks for at least 96 bits of secret; common initiators cap at 16..255 characters.
            problem(at, "must be 12..255 characters, got " + secret.length());
        }
    }
}
