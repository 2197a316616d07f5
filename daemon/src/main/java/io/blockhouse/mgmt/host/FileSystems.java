package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * File systems for vdisk files: made on a whole, unused block device with the host's mkfs tool and mounted at
 * {@code <vdisk root>/<name>}; listed with their space.
 */
final class FileSystems {

    static final Map<String, List<String>> MKFS = Map.of(
            "xfs", List.of("mkfs.xfs", "-q"),
            "ext4", List.of("mkfs.ext4", "-q"),
            "btrfs", List.of("mkfs.btrfs", "-q"));
    private static final Map<String, String> FORCE = Map.of("xfs", "-f", "ext4", "-F", "btrfs", "-f");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path vdiskRoot;

    FileSystems(Path vdiskRoot) {
        this.vdiskRoot = vdiskRoot;
    }

    /**
     * Makes a {@code type} file system on {@code device} and mounts it at {@code <vdisk root>/<name>}.
     *
     * @param force also when the device already holds a file system (its data is lost)
     * @param inUse paths of block devices configured as SCSI devices: those are refused
     * @return the mount point
     */
    Path create(String device, String type, String name, boolean force, List<Path> inUse) throws HostException {
        List<String> mkfs = MKFS.get(type);
        if (mkfs == null) {
            throw HostException.invalid("invalid_fstype", "type: \"" + type + "\" is not one of " + MKFS.keySet());
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw HostException.invalid("invalid_name", "name: letters, digits, '.', '_', '-' (at most 64), "
                    + "got \"" + name + "\"");
        }
        if (device == null || !device.startsWith("/dev/")) {
            throw HostException.invalid("invalid_device", "device: a block device path under /dev is required");
        }
        JsonNode d = BlockDevices.find(device);
        if (d.hasNonNull("mountpoint")) {
            throw HostException.conflict("device_mounted", "device: " + device + " is mounted at "
                    + d.path("mountpoint").asText());
        }
        if (d.path("children").asInt() > 0) {
            throw HostException.conflict("device_in_use", "device: " + device + " holds partitions or is part of "
                    + "RAID/LVM; use a whole unused device");
        }
        if (inUse.contains(Path.of(device))) {
            throw HostException.conflict("device_in_use", "device: " + device + " is a configured SCSI device");
        }
        if (d.hasNonNull("fstype") && !force) {
            throw HostException.conflict("has_filesystem", "device: " + device + " already holds "
                    + d.path("fstype").asText() + "; ask again with force to erase it");
        }
        Path mountpoint = vdiskRoot.resolve(name);
        try {
            if (Files.isDirectory(mountpoint) && isMountPoint(mountpoint)) {
                throw HostException.conflict("name_in_use", "name: " + mountpoint + " is already a mount point");
            }
            Files.createDirectories(mountpoint);
        } catch (IOException e) {
            throw new HostException(500, "cannot_create", "mount point " + mountpoint + ": " + e.getMessage());
        }
        List<String> command = new ArrayList<>(mkfs);
        if (force) {
            command.add(FORCE.get(type));
        }
        command.add(device);
        Commands.run(600, command);
        Commands.run(60, List.of("mount", "-t", type, device, mountpoint.toString()));
        return mountpoint;
    }

    /** Mounted file systems at or under the vdisk root, with size and free bytes. */
    ArrayNode list() throws HostException {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (String[] m : mounts()) {
            Path mp = Path.of(m[1]);
            if (!mp.startsWith(vdiskRoot)) {
                continue;
            }
            ObjectNode n = out.addObject();
            n.put("device", m[0]);
            n.put("mountpoint", m[1]);
            n.put("type", m[2]);
            try {
                FileStore store = Files.getFileStore(mp);
                n.put("size", store.getTotalSpace());
                n.put("free", store.getUsableSpace());
            } catch (IOException e) {
                n.put("error", e.getMessage());
            }
        }
        return out;
    }

    static boolean isMountPoint(Path dir) throws HostException {
        String abs = dir.toAbsolutePath().normalize().toString();
        for (String[] m : mounts()) {
            if (m[1].equals(abs)) {
                return true;
            }
        }
        return false;
    }

    /** device, mount point, type of each line of /proc/self/mounts (octal escapes such as \040 decoded). */
    static List<String[]> mounts() throws HostException {
        List<String[]> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length >= 3) {
                    out.add(new String[] {unescape(f[0]), unescape(f[1]), f[2]});
                }
            }
        } catch (IOException e) {
            throw new HostException(500, "cannot_read_mounts", "/proc/self/mounts: " + e.getMessage());
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
