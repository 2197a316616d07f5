package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Software RAID through the host's {@code mdadm}: arrays listed from /proc/mdstat and {@code mdadm --detail
 * --export}, created on whole unused disks, stopped, removed (stopped and the members' superblocks zeroed).
 *
 * <pre>
 * GET    /v1/host/raid                 {"available": bool, "arrays": [{"name", "path", "state", "level", "members",
 *                                        "faulty", "spares", "size", "uuid", "sync"}]}
 * POST   /v1/host/raid                 {"name": "md0", "level": "1", "devices": ["/dev/sdb", "/dev/sdc"]}
 * POST   /v1/host/raid/{md}/stop       stops the array (members keep their superblocks: it can be assembled again)
 * POST   /v1/host/raid/{md}/add        {"device": "/dev/sdd"}: an unused disk joins (as a spare, or rebuilds)
 * POST   /v1/host/raid/{md}/fail       {"device": "/dev/sdb"}: marks a member faulty
 * POST   /v1/host/raid/{md}/remove     {"device": "/dev/sdb"}: takes a member out (failing it first) and zeroes
 *                                       its superblock
 * DELETE /v1/host/raid/{md}            stops it and zeroes the members' superblocks (the array is gone)
 * </pre>
 * A kernel without the md driver has no /proc/mdstat: the list says {@code "available": false} and changes are
 * refused with {@code md_unavailable} after the request has been checked.
 */
final class SoftwareRaid {

    /** Members each level needs at least (mdadm's own minimums without --force). */
    static final Map<String, Integer> MIN_MEMBERS = Map.of("0", 2, "1", 2, "4", 3, "5", 3, "6", 4, "10", 2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("md(\\d{1,3})");
    private static final Pattern MDSTAT_ARRAY = Pattern.compile("^(md\\d+) : (\\S+)(?: \\(\\S+\\))?(?: (raid\\d+|"
            + "linear))? ?(.*)$");
    private static final Pattern MEMBER = Pattern.compile("(\\S+?)\\[\\d+](\\([A-Z]\\))?");
    private static final Pattern PROGRESS = Pattern.compile("(resync|recovery|reshape|check)\\s*=\\s*([0-9.]+%)");

    private final Path mdstat;

    SoftwareRaid(Path mdstat) {
        this.mdstat = mdstat;
    }

    static SoftwareRaid forHost() {
        return new SoftwareRaid(Path.of("/proc/mdstat"));
    }

    boolean available() {
        return Files.isReadable(mdstat);
    }

    Object route(String method, String[] p, Supplier<JsonNode> body, List<Path> inUse) throws HostException {
        switch (method + " " + (p.length - 4) + (p.length > 5 ? p[5] : "")) {
            case "GET 0" -> {
                return list();
            }
            case "POST 0" -> {
                JsonNode b = body.get();
                List<String> devices = new ArrayList<>();
                b.path("devices").forEach(n -> devices.add(n.asText()));
                String path = create(b.path("name").asText(null), b.path("level").asText(null), devices, inUse);
                return JSON.createObjectNode().put("created", path);
            }
            case "POST 2stop" -> {
                stop(p[4], inUse);
                return JSON.createObjectNode().put("stopped", p[4]);
            }
            case "POST 2add" -> {
                String device = body.get().path("device").asText(null);
                member(p[4], "--add", device, inUse);
                return JSON.createObjectNode().put("added", device);
            }
            case "POST 2fail" -> {
                String device = body.get().path("device").asText(null);
                member(p[4], "--fail", device, inUse);
                return JSON.createObjectNode().put("failed", device);
            }
            case "POST 2remove" -> {
                String device = body.get().path("device").asText(null);
                member(p[4], "--remove", device, inUse);
                return JSON.createObjectNode().put("removed", device);
            }
            case "DELETE 1" -> {
                List<String> members = remove(p[4], inUse);
                ObjectNode n = JSON.createObjectNode().put("removed", p[4]);
                members.forEach(n.putArray("zeroed")::add);
                return n;
            }
            default -> throw new HostException(404, "no_such_resource", "path: " + String.join("/", p) + " ("
                    + method + ") is not a RAID resource");
        }
    }

    ObjectNode list() throws HostException {
        ObjectNode out = JSON.createObjectNode();
        out.put("available", available());
        ArrayNode arrays = out.putArray("arrays");
        if (!available()) {
            return out;
        }
        String text;
        try {
            text = Files.readString(mdstat);
        } catch (IOException e) {
            throw new HostException(500, "cannot_read_mdstat", mdstat + ": " + e.getMessage());
        }
        for (ObjectNode a : parseMdstat(text)) {
            Map<String, String> detail = detail(a.path("path").asText());
            a.put("uuid", detail.getOrDefault("MD_UUID", ""));
            if (detail.containsKey("MD_LEVEL")) {
                a.put("level", detail.get("MD_LEVEL"));
            }
            arrays.add(a);
        }
        return out;
    }

    /**
     * The arrays of a /proc/mdstat text: name, path, state (active, inactive, plus "(read-only)"), level, members
     * (device paths), faulty and spares (the members marked (F) and (S)), size (bytes, from the blocks line) and sync
     * (e.g. "resync 12.5%").
     */
    static List<ObjectNode> parseMdstat(String text) {
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode current = null;
        for (String line : text.split("\n")) {
            Matcher m = MDSTAT_ARRAY.matcher(line);
            if (m.matches()) {
                current = JSON.createObjectNode();
                current.put("name", m.group(1));
                current.put("path", "/dev/" + m.group(1));
                current.put("state", m.group(2));
                current.put("level", m.group(3) == null ? "" : m.group(3));
                ArrayNode members = current.putArray("members");
                ArrayNode faulty = current.putArray("faulty");
                ArrayNode spares = current.putArray("spares");
                Matcher mm = MEMBER.matcher(m.group(4));
                while (mm.find()) {
                    String device = "/dev/" + mm.group(1);
                    members.add(device);
                    if ("(F)".equals(mm.group(2))) {
                        faulty.add(device);
                    } else if ("(S)".equals(mm.group(2))) {
                        spares.add(device);
                    }
                }
                current.put("size", 0L);
                current.put("sync", "");
                out.add(current);
            } else if (current != null && line.matches("\\s+\\d+ blocks.*")) {
                current.put("size", Long.parseLong(line.trim().split(" ")[0]) * 1024);
            } else if (current != null && PROGRESS.matcher(line).find()) {
                Matcher pm = PROGRESS.matcher(line);
                pm.find();
                current.put("sync", pm.group(1) + " " + pm.group(2));
            } else if (line.isBlank()) {
                current = null;
            }
        }
        return out;
    }

    private static Map<String, String> detail(String device) throws HostException {
        Map<String, String> out = new java.util.HashMap<>();
        Commands.Result r = Commands.exec(30, List.of("mdadm", "--detail", "--export", device));
        if (r.exitCode() == 0) {
            for (String line : r.output().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^'|'$", ""));
                }
            }
        }
        return out;
    }

    String create(String name, String level, List<String> devices, List<Path> inUse) throws HostException {
        checkName(name);
        Integer min = MIN_MEMBERS.get(level);
        if (min == null) {
            throw HostException.invalid("invalid_level", "level: \"" + level + "\" is not one of "
                    + new java.util.TreeSet<>(MIN_MEMBERS.keySet()));
        }
        Set<String> unique = new HashSet<>(devices);
        if (unique.size() != devices.size()) {
            throw HostException.invalid("invalid_devices", "devices: a disk is named twice");
        }
        if (devices.size() < min) {
            throw HostException.invalid("invalid_devices", "devices: RAID " + level + " needs at least " + min
                    + " disks, got " + devices.size());
        }
        for (String d : devices) {
            BlockDevices.requireUnused(d, inUse, "devices", null);
        }
        requireAvailable();
        if (Files.exists(Path.of("/dev", name)) && Files.exists(Path.of("/sys/block", name, "md", "array_state"))
                && !readQuietly(Path.of("/sys/block", name, "md", "array_state")).equals("clear")) {
            throw HostException.conflict("raid_exists", "name: /dev/" + name + " is an array already");
        }
        List<String> c = new ArrayList<>(List.of("mdadm", "--create", "/dev/" + name, "--run", "--metadata=1.2",
                "--level=" + level, "--raid-devices=" + devices.size()));
        c.addAll(devices);
        Commands.run(300, c);
        return "/dev/" + name;
    }

    void stop(String name, List<Path> inUse) throws HostException {
        checkName(name);
        requireAvailable();
        requireIdle(name, inUse);
        Commands.run(120, List.of("mdadm", "--stop", "/dev/" + name));
    }

    /**
     * Changes one member: {@code --add} takes an unused disk, {@code --fail} and {@code --remove} a current member
     * (a member is failed before it is removed, as mdadm requires for an active one).
     */
    void member(String name, String operation, String device, List<Path> inUse) throws HostException {
        checkName(name);
        if (device == null || !device.startsWith("/dev/")) {
            throw HostException.invalid("invalid_device", "device: a block device path under /dev is required");
        }
        if (operation.equals("--add") && inUse.contains(Path.of(device))) {
            throw HostException.conflict("device_in_use", "device: " + device + " is a configured SCSI device");
        }
        requireAvailable();
        ObjectNode array = find(name);
        boolean isMember = false;
        for (JsonNode m : array.path("members")) {
            isMember |= m.asText().equals(device);
        }
        if (operation.equals("--add") == isMember) {
            throw HostException.conflict(isMember ? "already_member" : "not_member", "device: " + device
                    + (isMember ? " is already a member of " : " is not a member of ") + name);
        }
        if (operation.equals("--add")) {
            BlockDevices.requireUnused(device, inUse, "device", null);
        }
        if (operation.equals("--remove")) {
            Commands.run(60, List.of("mdadm", "/dev/" + name, "--fail", device));
        }
        Commands.run(120, List.of("mdadm", "/dev/" + name, operation, device));
        if (operation.equals("--remove")) {
            // Out of the array, the disk is a free disk again, not a stale member that could be re-assembled.
            Commands.run(60, List.of("mdadm", "--zero-superblock", device));
        }
    }

    /** Stops the array and zeroes its members' superblocks; returns the members. */
    List<String> remove(String name, List<Path> inUse) throws HostException {
        checkName(name);
        requireAvailable();
        ObjectNode array = requireIdle(name, inUse);
        List<String> members = new ArrayList<>();
        array.path("members").forEach(m -> members.add(m.asText()));
        Commands.run(120, List.of("mdadm", "--stop", "/dev/" + name));
        for (String m : members) {
            Commands.run(60, List.of("mdadm", "--zero-superblock", m));
        }
        return members;
    }

    private ObjectNode find(String name) throws HostException {
        for (JsonNode a : list().path("arrays")) {
            if (a.path("name").asText().equals(name)) {
                return (ObjectNode) a;
            }
        }
        throw new HostException(404, "no_such_array", "name: no RAID array " + name + " (see GET /v1/host/raid)");
    }

    private ObjectNode requireIdle(String name, List<Path> inUse) throws HostException {
        ObjectNode array = find(name);
        if (inUse.contains(Path.of("/dev", name))) {
            throw HostException.conflict("device_in_use", "name: /dev/" + name + " is a configured SCSI device; "
                    + "remove the device first");
        }
        for (JsonNode d : BlockDevices.list()) {
            if (d.path("path").asText().equals("/dev/" + name)
                    && (d.hasNonNull("mountpoint") || d.path("children").asInt() > 0)) {
                throw HostException.conflict("device_in_use", "name: /dev/" + name + " is mounted or holds "
                        + "partitions or LVM volumes");
            }
        }
        return array;
    }

    private void requireAvailable() throws HostException {
        if (!available()) {
            throw new HostException(501, "md_unavailable", "raid: this kernel has no software RAID (md) driver ("
                    + mdstat + " is missing)");
        }
    }

    private static void checkName(String name) throws HostException {
        if (name == null || !NAME.matcher(name).matches() || Integer.parseInt(name.substring(2)) > 127) {
            throw HostException.invalid("invalid_name", "name: md0 to md127, got \"" + name + "\"");
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
