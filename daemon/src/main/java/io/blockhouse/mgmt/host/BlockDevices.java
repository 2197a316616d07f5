package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/** The host's block devices as lsblk reports them, flattened (partitions and holders follow their parent). */
final class BlockDevices {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BlockDevices() {
    }

    /**
     * One entry per device: name, path, size (bytes), type (disk, part, loop, raid1, lvm...), fstype, mountpoint,
     * model, parent (the device it sits on, or null) and children (how many devices sit on it).
     */
    static ArrayNode list() throws HostException {
        String out = Commands.run(30, List.of("lsblk", "-J", "-b", "-o",
                "NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL"));
        JsonNode root;
        try {
            root = JSON.readTree(out);
        } catch (IOException e) {
            throw new HostException(500, "command_failed", "lsblk printed something that is not JSON: "
                    + e.getMessage());
        }
        ArrayNode flat = JSON.createArrayNode();
        for (JsonNode d : root.path("blockdevices")) {
            add(flat, d, null);
        }
        return flat;
    }

    private static void add(ArrayNode flat, JsonNode d, String parent) {
        ObjectNode n = flat.addObject();
        n.put("name", d.path("name").asText());
        n.put("path", d.path("path").asText());
        n.put("size", d.path("size").asLong());
        n.put("type", d.path("type").asText());
        n.put("fstype", d.path("fstype").asText(null));
        n.put("mountpoint", d.path("mountpoint").asText(null));
        n.put("model", d.path("model").isNull() ? null : d.path("model").asText("").strip());
        n.put("parent", parent);
        n.put("children", d.path("children").size());
        for (JsonNode c : d.path("children")) {
            add(flat, c, d.path("path").asText());
        }
    }

    /** The entry for {@code path}, or a refusal naming it. */
    static JsonNode find(String path) throws HostException {
        for (JsonNode d : list()) {
            if (d.path("path").asText().equals(path)) {
                return d;
            }
        }
        throw new HostException(404, "no_such_block_device", "device: " + path
                + " is not a block device of this host (see GET /v1/host/blockdevices)");
    }

    /**
     * The lsblk entry of {@code device} when it may become a RAID member or an LVM physical volume: a whole device
     * under /dev, not mounted, nothing sitting on it, not a configured SCSI device, and no file system or RAID/LVM
     * signature unless {@code allowedSignature} names it (e.g. "LVM2_member" for a PV joining a volume group).
     *
     * @param inUse paths of block devices configured as SCSI devices
     * @param field the request field, for the error message
     */
    static JsonNode requireUnused(String device, List<java.nio.file.Path> inUse, String field,
                                  String allowedSignature) throws HostException {
        if (device == null || !device.startsWith("/dev/") || device.contains("..")) {
            throw HostException.invalid("invalid_device", field + ": a block device path under /dev is required, "
                    + "got \"" + device + "\"");
        }
        JsonNode d = find(device);
        if (d.hasNonNull("mountpoint")) {
            throw HostException.conflict("device_mounted", field + ": " + device + " is mounted at "
                    + d.path("mountpoint").asText());
        }
        if (d.path("children").asInt() > 0) {
            throw HostException.conflict("device_in_use", field + ": " + device + " holds partitions, a RAID "
                    + "array or logical volumes; use a whole unused device");
        }
        if (inUse.contains(java.nio.file.Path.of(device))) {
            throw HostException.conflict("device_in_use", field + ": " + device + " is a configured SCSI device");
        }
        String fstype = d.path("fstype").asText(null);
        if (fstype == null) {
            fstype = signature(device);
        }
        if (fstype != null && !fstype.equals(allowedSignature)) {
            throw HostException.conflict("device_in_use", field + ": " + device + " holds " + fstype
                    + "; wipe it first (or remove the RAID array / physical volume it belongs to)");
        }
        return d;
    }

    /**
     * The signature blkid finds by reading the device itself (file system, "LVM2_member", "linux_raid_member"), or
     * null. lsblk's FSTYPE comes from udev, which is absent or late on some hosts: the probe is the truth.
     */
    static String signature(String device) throws HostException {
        Commands.Result r = Commands.exec(30, List.of("blkid", "-p", "-o", "value", "-s", "TYPE", device));
        String type = r.output().strip();
        if (r.exitCode() == 2) {
            return null; // blkid: nothing found
        }
        return r.exitCode() == 0 && !type.isEmpty() ? type : "an unidentified or ambiguous signature (blkid exit "
                + r.exitCode() + ")";
    }
}
