package io.blockhouse.config.scst;

import io.blockhouse.config.ByteSize;
import io.blockhouse.config.DeviceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns {@code HANDLER vdisk_* { DEVICE name { ... } }} sections into Blockhouse devices. Devices of other handlers
 * (pass-through, CD-ROM, user-space) are skipped with a warning and remembered, so LUNs naming them become warnings
 * rather than errors.
 */
final class DeviceImporter {

    /** SCST's nullio size when none is given (VDISK_NULLIO_SIZE in scst_vdisk.c: 2.5 TiB). */
    static final long NULLIO_DEFAULT_SIZE = 5L * 1024 * 1024 * 1024 * 1024 / 2;
    private static final long ALIGNMENT = 4096;
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** The attributes the import reads; each may appear once per device. */
    private static final Set<String> MAPPED = Set.of("filename", "blocksize", "read_only", "write_through",
            "o_direct", "rotational", "nv_cache", "thin_provisioned", "t10_dev_id", "usn", "naa_id", "eui64_id",
            "size", "size_mb");
    private static final Pattern NAA6 = Pattern.compile("6[0-9a-f]{31}");

    private final ImportContext context;
    private final List<DeviceConfig> devices = new ArrayList<>();
    private final Map<String, ScstNode> imported = new HashMap<>();
    private final Set<String> skipped = new HashSet<>();
    private final Map<String, ScstNode> paths = new HashMap<>();

    DeviceImporter(ImportContext context) {
        this.context = context;
    }

    List<DeviceConfig> devices() {
        return devices;
    }

    boolean isImported(String name) {
        return imported.containsKey(name);
    }

    boolean isSkipped(String name) {
        return skipped.contains(name);
    }

    void importHandler(ScstNode handler) throws ScstConfException {
        String name = sectionName(handler);
        String backendKind = switch (name) {
            case "vdisk_fileio", "vdisk_blockio", "vdisk_nullio" -> name;
            default -> null;
        };
        for (ScstNode entry : handler.children()) {
            if (!entry.keyword().equals("DEVICE")) {
                context.dropped(entry, "HANDLER " + name);
                continue;
            }
            if (entry.values().size() != 1) {
                throw context.error(entry, entry.values().isEmpty() ? 0 : 1, "DEVICE takes exactly one name");
            }
            String device = entry.value();
            if (imported.containsKey(device) || skipped.contains(device)) {
                throw context.error(entry, 0, "device \"" + device + "\" is defined twice");
            }
            if (backendKind == null) {
                skipped.add(device);
                context.warn(entry, "device " + device + " of handler " + name
                        + " skipped: Blockhouse imports only vdisk_fileio, vdisk_blockio and vdisk_nullio devices");
                continue;
            }
            importDevice(backendKind, entry);
        }
    }

    private void importDevice(String handler, ScstNode entry) throws ScstConfException {
        String name = entry.value();
        if (!DEVICE_NAME.matcher(name).matches()) {
            throw context.error(entry, 0, "device name \"" + name
                    + "\" is not a valid Blockhouse device name (1-64 of A-Z a-z 0-9 _ . -, starting with a letter"
                    + " or digit)");
        }
        DeviceBuilder b = new DeviceBuilder();
        Map<String, ScstNode> seen = new HashMap<>();
        for (ScstNode attr : entry.children()) {
            if (MAPPED.contains(attr.keyword().toLowerCase(Locale.ROOT))) {
                context.once(seen, attr);
            }
            applyAttribute(handler, name, attr, b);
        }
        String backend;
        if (handler.equals("vdisk_nullio")) {
            backend = "null";
            if (b.filename != null) {
                context.warn(b.filenameNode, "filename of nullio device " + name + " is not used; dropped");
                b.filename = null;
            }
            b.size = nullioSize(name, entry, b);
        } else {
            if (b.filename == null) {
                throw context.error(entry, 0, handler + " device " + name + " needs a filename");
            }
            if (!b.filename.startsWith("/")) {
                throw context.error(b.filenameNode, 0, "filename must be an absolute path, got " + b.filename);
            }
            ScstNode other = paths.putIfAbsent(b.filename, b.filenameNode);
            if (other != null) {
                throw context.error(b.filenameNode, 0, b.filename + " is already used by the device on line "
                        + other.line());
            }
            boolean onBlockDevice = handler.equals("vdisk_blockio") || b.filename.startsWith("/dev/");
            if (handler.equals("vdisk_fileio") && onBlockDevice) {
                context.warn(b.filenameNode, "vdisk_fileio device " + name + " is on a block device; imported as a"
                        + " block back-end");
            }
            backend = onBlockDevice ? "block" : "file";
            if (b.sizeNode != null) {
                context.warn(b.sizeNode, b.sizeNode.keyword() + " of " + handler + " device " + name
                        + " dropped: the " + (onBlockDevice ? "block device's" : "existing file's") + " size is used");
            }
            b.size = null;
        }
        if (b.directIo != null && backend.equals("null")) {
            context.warn(b.directIoNode, "o_direct of nullio device " + name + " dropped: a null device does no I/O");
            b.directIo = null;
        }
        String at = "devices[" + devices.size() + "]";
        context.origin(at, entry, 0);
        devices.add(new DeviceConfig(name, backend, b.filename, b.size, b.blockSize, b.readOnly, b.writeThrough,
                b.directIo, b.rotational, b.serial, b.naaId));
        imported.put(name, entry);
    }

    private ByteSize nullioSize(String name, ScstNode entry, DeviceBuilder b) throws ScstConfException {
        if (b.sizeNode == null) {
            return new ByteSize(NULLIO_DEFAULT_SIZE);
        }
        long bytes = b.sizeBytes;
        long rounded = bytes - bytes % ALIGNMENT;
        if (rounded == 0) {
            throw context.error(b.sizeNode, 0, "size of nullio device " + name + " must be at least 4096 bytes");
        }
        if (rounded != bytes) {
            context.warn(b.sizeNode, "size of nullio device " + name + " rounded down from " + bytes + " to "
                    + rounded + " bytes (Blockhouse sizes are multiples of 4096)");
        }
        return new ByteSize(rounded);
    }

    private void applyAttribute(String handler, String device, ScstNode attr, DeviceBuilder b)
            throws ScstConfException {
        String where = "device " + device;
        switch (attr.keyword().toLowerCase(Locale.ROOT)) {
            case "filename" -> {
                b.filename = context.single(attr);
                b.filenameNode = attr;
            }
            case "blocksize" -> {
                long size = context.number(attr);
                if (size != 512 && size != 4096) {
                    throw context.error(attr, 0, "blocksize " + attr.value()
                            + " is not supported: Blockhouse devices use 512 or 4096-byte blocks");
                }
                b.blockSize = (int) size;
            }
            case "read_only" -> b.readOnly = context.flag(attr);
            case "write_through" -> b.writeThrough = context.flag(attr);
            case "o_direct" -> {
                b.directIo = context.flag(attr);
                b.directIoNode = attr;
            }
            case "rotational" -> b.rotational = context.flag(attr);
            case "nv_cache" -> {
                boolean on = context.flag(attr);
                context.warn(attr, "nv_cache " + (on ? 1 : 0) + " of " + where + " has no Blockhouse equivalent"
                        + (on ? " (Blockhouse always honours SYNCHRONIZE CACHE and FUA)" : "") + "; dropped");
            }
            case "thin_provisioned" -> {
                boolean on = context.flag(attr);
                context.warn(attr, "thin_provisioned " + (on ? 1 : 0) + " of " + where
                        + " dropped: thin provisioning (UNMAP) is not supported yet");
            }
            case "t10_dev_id", "usn" -> serial(attr, b);
            case "naa_id", "eui64_id" -> naaId(attr, where, b);
            case "size", "size_mb" -> size(handler, attr, b);
            default -> context.dropped(attr, where);
        }
    }

    private void serial(ScstNode attr, DeviceBuilder b) throws ScstConfException {
        String value = context.single(attr);
        if (!value.matches("[\\x21-\\x7e]{1,32}")) {
            throw context.error(attr, 0, attr.keyword() + " \"" + value + "\" cannot be a Blockhouse serial number"
                    + " (1-32 printable ASCII characters without spaces)");
        }
        // usn is SCST's VPD 80 serial itself; t10_dev_id only stands in for it when there is no usn.
        boolean isUsn = attr.keyword().equalsIgnoreCase("usn");
        if (b.serialNode != null) {
            boolean keepNew = isUsn && !b.serialNode.keyword().equalsIgnoreCase("usn");
            ScstNode loser = keepNew ? b.serialNode : attr;
            context.warn(loser, loser.keyword() + " " + loser.value() + " dropped: the serial number is taken from "
                    + (keepNew ? attr : b.serialNode).keyword());
            if (!keepNew) {
                return;
            }
        }
        b.serial = value;
        b.serialNode = attr;
    }

    private void naaId(ScstNode attr, String where, DeviceBuilder b) throws ScstConfException {
        String value = context.single(attr).toLowerCase(Locale.ROOT);
        String hex = value.startsWith("0x") ? value.substring(2) : value;
        if (!NAA6.matcher(hex).matches()) {
            context.warn(attr, attr.keyword() + " " + attr.value() + " of " + where + " dropped: Blockhouse reports"
                    + " only an NAA type 6 identifier (32 hex digits starting with 6)");
            return;
        }
        if (b.naaId != null && !b.naaId.equals(hex)) {
            context.warn(attr, attr.keyword() + " " + attr.value() + " of " + where + " dropped: an NAA identifier"
                    + " was already taken from an earlier attribute");
            return;
        }
        b.naaId = hex;
    }

    private void size(String handler, ScstNode attr, DeviceBuilder b) throws ScstConfException {
        long value = context.number(attr);
        boolean megabytes = attr.keyword().equalsIgnoreCase("size_mb");
        if (value < 0 || (megabytes && value > (Long.MAX_VALUE >> 20))) {
            throw context.error(attr, 0, attr.keyword() + " out of range: " + attr.value());
        }
        if (b.sizeNode != null) {
            throw context.error(attr, 0, "the size is already given on line " + b.sizeNode.line());
        }
        b.sizeNode = attr;
        b.sizeBytes = megabytes ? value << 20 : value;
    }

    private static String sectionName(ScstNode node) {
        return node.value() == null ? "" : node.value();
    }

    /** The fields of one device as its attributes are read. */
    private static final class DeviceBuilder {
        String filename;
        ScstNode filenameNode;
        ByteSize size;
        ScstNode sizeNode;
        long sizeBytes;
        Integer blockSize;
        Boolean readOnly;
        Boolean writeThrough;
        Boolean directIo;
        ScstNode directIoNode;
        // SCST reports every vdisk as rotational unless told otherwise (DEF_ROTATIONAL 1 in scst_vdisk.c), and
        // scst.conf only records attributes that differ from the default.
        Boolean rotational = Boolean.TRUE;
        String serial;
        ScstNode serialNode;
        String naaId;
    }
}
