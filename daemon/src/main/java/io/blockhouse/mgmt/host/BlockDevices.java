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
}
