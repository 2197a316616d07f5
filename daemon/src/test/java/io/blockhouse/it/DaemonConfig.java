package io.blockhouse.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny builder for the daemon's JSON configuration (sections "iscsi", "listen", "devices", "targets"). Only what a
 * test sets is written; the daemon applies its defaults to the rest. Example:
 *
 * <pre>{@code
 * DaemonConfig config = new DaemonConfig().iscsi("headerDigest", true).fileDevice("disk0", "disk0.img", "64M");
 * config.target("iqn.2026-11.io.blockhouse:t").chap("user", "secret-12345").lun(0, "disk0");
 * }</pre>
 */
public final class DaemonConfig {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = MAPPER.createObjectNode();

    /** Sets one key of the "iscsi" section (queueDepth, maxRecvDataSegmentLength, headerDigest, ...). */
    public DaemonConfig iscsi(String key, Object value) {
        ObjectNode iscsi = root.has("iscsi") ? (ObjectNode) root.get("iscsi") : root.putObject("iscsi");
        iscsi.set(key, MAPPER.valueToTree(value));
        return this;
    }

    /** Sets a top-level section (e.g. "alua") to {@code value} (a JsonNode, Map, List or record). */
    public DaemonConfig set(String key, Object value) {
        root.set(key, MAPPER.valueToTree(value));
        return this;
    }

    /** Replaces the "listen" list. */
    public DaemonConfig listen(String... addresses) {
        ArrayNode listen = root.putArray("listen");
        for (String address : addresses) {
            listen.add(address);
        }
        return this;
    }

    /** Sets "metrics": {"listen": address}, the Prometheus TCP listener. */
    public DaemonConfig metricsListen(String address) {
        root.putObject("metrics").put("listen", address);
        return this;
    }

    /** The top-level object {@code key} (e.g. "api"), created empty when absent, for fields of its own. */
    public ObjectNode section(String key) {
        return root.has(key) ? (ObjectNode) root.get(key) : root.putObject(key);
    }

    /** Adds a device of any back-end; returns its node for further fields (blockSize, readOnly, ...). */
    public ObjectNode device(String name, String backend) {
        ArrayNode devices = root.has("devices") ? (ArrayNode) root.get("devices") : root.putArray("devices");
        ObjectNode device = devices.addObject();
        device.put("name", name);
        device.put("backend", backend);
        return device;
    }

    /** A file-backed device; a relative {@code path} resolves against the daemon's --data-dir. */
    public DaemonConfig fileDevice(String name, String path, String size) {
        device(name, "file").put("path", path).put("size", size);
        return this;
    }

    /** A RAM-backed device of {@code size} (e.g. "64M"). */
    public DaemonConfig ramDevice(String name, String size) {
        device(name, "ram").put("size", size);
        return this;
    }

    /** Adds an enabled target and returns its builder. */
    public Target target(String iqn) {
        ArrayNode targets = root.has("targets") ? (ArrayNode) root.get("targets") : root.putArray("targets");
        ObjectNode target = targets.addObject();
        target.put("name", iqn);
        return new Target(target);
    }

    /** The configuration as JSON text. */
    public String json() {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the JSON to {@code file} and returns it. */
    public Path writeTo(Path file) throws IOException {
        Files.writeString(file, json());
        return file;
    }

    /** Builder for one entry of "targets" (and, through {@link #group}, of its "groups"). */
    public static final class Target {
        private final ObjectNode node;

        private Target(ObjectNode node) {
            this.node = node;
        }

        public Target set(String key, Object value) {
            node.set(key, MAPPER.valueToTree(value));
            return this;
        }

        /** One-way CHAP required from initiators. */
        public Target chap(String user, String secret) {
            ObjectNode chap = chapNode();
            chap.put("user", user);
            chap.put("secret", secret);
            return this;
        }

        /** Credentials the target answers with when the initiator asks for mutual CHAP. */
        public Target mutualChap(String user, String secret) {
            ObjectNode chap = chapNode();
            chap.put("mutualUser", user);
            chap.put("mutualSecret", secret);
            return this;
        }

        private ObjectNode chapNode() {
            return node.has("chap") ? (ObjectNode) node.get("chap") : node.putObject("chap");
        }

        public Target lun(int lun, String device) {
            ArrayNode luns = node.has("luns") ? (ArrayNode) node.get("luns") : node.putArray("luns");
            luns.addObject().put("lun", lun).put("device", device);
            return this;
        }

        /** Adds an initiator group (its own CHAP and LUN map) and returns its builder. */
        public Target group(String name, List<String> initiators) {
            ArrayNode groups = node.has("groups") ? (ArrayNode) node.get("groups") : node.putArray("groups");
            ObjectNode group = groups.addObject();
            group.put("name", name);
            ArrayNode names = group.putArray("initiators");
            initiators.forEach(names::add);
            return new Target(group);
        }
    }
}
