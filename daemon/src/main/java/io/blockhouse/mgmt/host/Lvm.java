package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * LVM through the host's {@code lvm} tool: physical volumes, volume groups and logical volumes, listed from lvm's
 * JSON reports and changed with pvcreate/vgcreate/lvcreate and their remove counterparts.
 *
 * <pre>
 * GET    /v1/host/lvm                      {"pvs": [...], "vgs": [...], "lvs": [...], "activation": bool}
 * POST   /v1/host/lvm/pvs                  {"device": "/dev/sdb", "force": false}
 * DELETE /v1/host/lvm/pvs?device=/dev/sdb  only a PV outside any volume group
 * POST   /v1/host/lvm/vgs                  {"name": "vg0", "devices": ["/dev/sdb", ...]}
 * DELETE /v1/host/lvm/vgs/{vg}             only an empty volume group (remove its LVs first)
 * POST   /v1/host/lvm/lvs                  {"vg": "vg0", "name": "lv0", "size": "10G"}
 * DELETE /v1/host/lvm/lvs/{vg}/{lv}        refused while a configured SCSI device uses it
 * </pre>
 *
 * <p>Which devices lvm may look at can be restricted (system property {@value #DEVICES_PROPERTY}, a comma list,
 * passed as lvm's {@code --devices}): tests use it so lvm never touches a disk that is not theirs. On a kernel
 * without device-mapper, logical volumes are created and removed in the metadata only (lvm's
 * {@code global/activation=0}); the list says {@code "activation": false} and the volumes cannot be opened.
 */
final class Lvm {

    /** System property: the only block devices lvm may scan or change (comma-separated paths). */
    static final String DEVICES_PROPERTY = "blockhouse.lvm.devices";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+_][A-Za-z0-9+_.-]{0,62}");

    private final List<String> deviceFilter;
    private final boolean activation;

    Lvm(List<String> deviceFilter, boolean activation) {
        this.deviceFilter = List.copyOf(deviceFilter);
        this.activation = activation;
    }

    /** lvm as configured for this daemon: device filter from the system property, activation if dm exists. */
    static Lvm forHost() {
        String filter = System.getProperty(DEVICES_PROPERTY, "");
        List<String> devices = new ArrayList<>();
        for (String d : filter.split(",")) {
            if (!d.isBlank()) {
                devices.add(d.trim());
            }
        }
        return new Lvm(devices, deviceMapperPresent());
    }

    static boolean deviceMapperPresent() {
        try {
            return Files.exists(Path.of("/dev/mapper/control"))
                    && Files.readString(Path.of("/proc/misc")).contains("device-mapper");
        } catch (IOException e) {
            return false;
        }
    }

    Object route(String method, String[] p, Map<String, List<String>> query, Supplier<JsonNode> body,
                 List<Path> inUse) throws HostException {
        String kind = p.length > 4 ? p[4] : "";
        switch (method + " " + kind + "/" + (p.length - 5)) {
            case "GET /-1" -> {
                return list();
            }
            case "POST pvs/0" -> {
                JsonNode b = body.get();
                createPv(b.path("device").asText(null), b.path("force").asBoolean(false), inUse);
                return JSON.createObjectNode().put("created", b.path("device").asText());
            }
            case "DELETE pvs/0" -> {
                List<String> d = query.get("device");
                String device = d == null || d.isEmpty() ? null : d.get(0);
                removePv(device);
                return JSON.createObjectNode().put("removed", device);
            }
            case "POST vgs/0" -> {
                JsonNode b = body.get();
                List<String> devices = new ArrayList<>();
                b.path("devices").forEach(n -> devices.add(n.asText()));
                createVg(b.path("name").asText(null), devices, inUse);
                return JSON.createObjectNode().put("created", b.path("name").asText());
            }
            case "DELETE vgs/1" -> {
                removeVg(p[5]);
                return JSON.createObjectNode().put("removed", p[5]);
            }
            case "POST lvs/0" -> {
                JsonNode b = body.get();
                long size = HostApi.sizeField(b);
                String path = createLv(b.path("vg").asText(null), b.path("name").asText(null), size);
                return JSON.createObjectNode().put("created", path).put("active", activation);
            }
            case "DELETE lvs/2" -> {
                removeLv(p[5], p[6], inUse);
                return JSON.createObjectNode().put("removed", p[5] + "/" + p[6]);
            }
            default -> throw new HostException(404, "no_such_resource", "path: " + String.join("/", p) + " ("
                    + method + ") is not an LVM resource (pvs, vgs, lvs)");
        }
    }

    /** Every PV, VG and LV lvm reports (sizes in bytes). */
    ObjectNode list() throws HostException {
        ObjectNode out = JSON.createObjectNode();
        out.put("activation", activation);
        out.set("pvs", report("pvs", "pv", "pv_name,vg_name,pv_size,pv_free,pv_attr"));
        out.set("vgs", report("vgs", "vg", "vg_name,pv_count,lv_count,vg_size,vg_free,vg_attr"));
        out.set("lvs", report("lvs", "lv", "lv_name,vg_name,lv_size,lv_path,lv_attr"));
        return out;
    }

    private ArrayNode report(String command, String key, String fields) throws HostException {
        List<String> c = lvm(command);
        c.addAll(List.of("--reportformat", "json", "--units", "b", "--nosuffix", "-o", fields));
        String out = Commands.stdout(60, c);
        ArrayNode rows = JSON.createArrayNode();
        try {
            for (JsonNode report : JSON.readTree(out).path("report")) {
                for (JsonNode row : report.path(key)) {
                    ObjectNode n = rows.addObject();
                    row.fields().forEachRemaining(f -> {
                        String field = f.getKey();
                        String value = f.getValue().asText();
                        if (field.equals(key + "_name")) {
                            n.put("name", value);
                        } else if (field.equals(key + "_size") || field.equals(key + "_free")) {
                            n.put(field.substring(3), value.isEmpty() ? 0 : Long.parseLong(value));
                        } else if (field.endsWith("_count")) {
                            n.put(field, value.isEmpty() ? 0 : Long.parseLong(value));
                        } else {
                            n.put(field, value);
                        }
                    });
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new HostException(500, "command_failed", "lvm " + command + " printed an unexpected report: "
                    + e.getMessage());
        }
        return rows;
    }

    void createPv(String device, boolean force, List<Path> inUse) throws HostException {
        BlockDevices.requireUnused(device, inUse, "device", null);
        allowed(device);
        List<String> c = lvm("pvcreate");
        if (force) {
            c.add("-ff");
            c.add("-y");
        }
        c.add(device);
        Commands.stdout(120, c);
    }

    void removePv(String device) throws HostException {
        JsonNode pv = find(report("pvs", "pv", "pv_name,vg_name"), "name", device, "no_such_pv",
                "device: " + device + " is not a physical volume");
        if (!pv.path("vg_name").asText("").isEmpty()) {
            throw HostException.conflict("pv_in_use", "device: " + device + " belongs to volume group "
                    + pv.path("vg_name").asText() + "; remove the volume group first");
        }
        List<String> c = lvm("pvremove");
        c.add(device);
        Commands.stdout(120, c);
    }

    void createVg(String name, List<String> devices, List<Path> inUse) throws HostException {
        checkName(name, "name");
        if (devices.isEmpty()) {
            throw HostException.invalid("invalid_devices", "devices: at least one block device is required");
        }
        if (find(report("vgs", "vg", "vg_name"), "name", name) != null) {
            throw HostException.conflict("vg_exists", "name: volume group " + name + " exists already");
        }
        ArrayNode pvs = report("pvs", "pv", "pv_name,vg_name");
        for (String d : devices) {
            JsonNode pv = find(pvs, "name", d);
            if (pv == null) {
                BlockDevices.requireUnused(d, inUse, "devices", null);
            } else if (!pv.path("vg_name").asText("").isEmpty()) {
                throw HostException.conflict("pv_in_use", "devices: " + d + " already belongs to volume group "
                        + pv.path("vg_name").asText());
            }
            allowed(d);
        }
        List<String> c = lvm("vgcreate");
        c.add(name);
        c.addAll(devices);
        Commands.stdout(120, c);
    }

    void removeVg(String name) throws HostException {
        JsonNode vg = find(report("vgs", "vg", "vg_name,lv_count"), "name", name, "no_such_vg",
                "vg: no volume group " + name);
        if (vg.path("lv_count").asLong() > 0) {
            throw HostException.conflict("vg_not_empty", "vg: " + name + " holds " + vg.path("lv_count").asLong()
                    + " logical volume(s); remove them first");
        }
        List<String> c = lvm("vgremove");
        c.add(name);
        Commands.stdout(120, c);
    }

    String createLv(String vg, String name, long size) throws HostException {
        checkName(vg, "vg");
        checkName(name, "name");
        if (size <= 0) {
            throw HostException.invalid("invalid_size", "size: must be more than 0");
        }
        JsonNode group = find(report("vgs", "vg", "vg_name,vg_free"), "name", vg, "no_such_vg",
                "vg: no volume group " + vg);
        if (size > group.path("free").asLong()) {
            throw HostException.conflict("no_space", "size: " + size + " bytes is more than the "
                    + group.path("free").asLong() + " bytes free in " + vg);
        }
        if (lvExists(vg, name)) {
            throw HostException.conflict("lv_exists", "name: " + vg + "/" + name + " exists already");
        }
        List<String> c = lvm("lvcreate");
        c.addAll(List.of("-y", "-L", size + "b", "-n", name));
        if (!activation) {
            c.addAll(List.of("-an", "-Zn"));
        }
        c.add(vg);
        Commands.stdout(300, c);
        return "/dev/" + vg + "/" + name;
    }

    void removeLv(String vg, String name, List<Path> inUse) throws HostException {
        checkName(vg, "vg");
        checkName(name, "name");
        Path dev = Path.of("/dev", vg, name);
        if (inUse.contains(dev) || inUse.contains(Path.of("/dev/mapper", vg.replace("-", "--") + "-"
                + name.replace("-", "--")))) {
            throw HostException.conflict("lv_in_use", "lv: " + vg + "/" + name + " is a configured SCSI device; "
                    + "remove the device first");
        }
        if (!lvExists(vg, name)) {
            throw new HostException(404, "no_such_lv", "lv: no logical volume " + vg + "/" + name);
        }
        List<String> c = lvm("lvremove");
        c.addAll(List.of("-y", vg + "/" + name));
        Commands.stdout(120, c);
    }

    private boolean lvExists(String vg, String name) throws HostException {
        for (JsonNode lv : report("lvs", "lv", "lv_name,vg_name")) {
            if (lv.path("name").asText().equals(name) && lv.path("vg_name").asText().equals(vg)) {
                return true;
            }
        }
        return false;
    }

    private List<String> lvm(String command) {
        List<String> c = new ArrayList<>(List.of("lvm", command));
        if (!deviceFilter.isEmpty()) {
            c.add("--devices");
            c.add(String.join(",", deviceFilter));
        }
        if (!activation) {
            c.add("--config");
            c.add("global/activation=0");
        }
        return c;
    }

    private void allowed(String device) throws HostException {
        if (!deviceFilter.isEmpty() && !deviceFilter.contains(device)) {
            throw HostException.conflict("device_not_allowed", "device: " + device + " is outside the devices "
                    + "this daemon lets lvm use (" + String.join(",", deviceFilter) + ")");
        }
    }

    private static void checkName(String name, String field) throws HostException {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")
                || name.startsWith("-")) {
            throw HostException.invalid("invalid_name", field + ": letters, digits and + _ . - (at most 63, not "
                    + "starting with '-'), got \"" + name + "\"");
        }
    }

    private static JsonNode find(ArrayNode rows, String key, String value) {
        for (JsonNode r : rows) {
            if (r.path(key).asText().equals(value)) {
                return r;
            }
        }
        return null;
    }

    private static JsonNode find(ArrayNode rows, String key, String value, String code, String message)
            throws HostException {
        JsonNode r = find(rows, key, value);
        if (r == null) {
            throw new HostException(404, code, message);
        }
        return r;
    }
}
