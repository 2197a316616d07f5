package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.config.ByteSize;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.mgmt.ConfigService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host actions of the management API: what the console does to the machine itself, done by the host's real tools.
 * Reads work for anyone who may use the socket; changes need the daemon to run as root and are refused clearly
 * otherwise.
 *
 * <pre>
 * GET    /v1/host                       {"root": bool, "vdiskRoot": path}
 * GET    /v1/host/blockdevices          lsblk, flattened
 * GET    /v1/host/filesystems           file systems mounted under the vdisk root, with size and free bytes
 * POST   /v1/host/filesystems           {"device": "/dev/sdb", "type": "xfs|ext4|btrfs", "name": "fs1", "force": false}
 *                                       mkfs, then mount at &lt;vdisk root&gt;/fs1
 * GET    /v1/host/vdisks                files below the vdisk root
 * POST   /v1/host/vdisks                {"path": "fs1/disk1.img", "size": "512M", "sparse": false} -&gt; {"job": N}
 * DELETE /v1/host/vdisks?path=P         refused while a configured device uses it
 * GET    /v1/host/jobs/{n}              {"state": "queued|running|done|failed", "done": bytes, "total": bytes}
 * ...    /v1/host/raid[/...]            software RAID (mdadm): see {@link SoftwareRaid}
 * ...    /v1/host/lvm[/...]             LVM physical volumes, volume groups, logical volumes: see {@link Lvm}
 * ...    /v1/host/network               interfaces, bonds, VLANs, hostname, DNS, gateway: see {@link NetworkApi}
 * ...    /v1/host/time                  clock, time zone, NTP: see {@link TimeSettings}
 * ...    /v1/host/mail[/test]           SMTP relay for alerts, test mail: see {@link MailAlerts}
 * ...    /v1/host/users[/root/password] root's password: see {@link Accounts}
 * POST   /v1/host/power                 reboot / poweroff after a config sync: see {@link Power}
 * ...    /v1/host/support-bundle[/name] support bundles: see {@link SupportBundle}
 * </pre>
 * The vdisk root is {@code /mnt/vdisks}, or system property {@value #VDISK_ROOT_PROPERTY}.
 */
public final class HostApi {

    /** System property naming the vdisk root. */
    public static final String VDISK_ROOT_PROPERTY = "blockhouse.vdiskRoot";

    private static final Logger log = LoggerFactory.getLogger(HostApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: HTTP status and JSON text. */
    public record Answer(int status, String body) {
    }

    private final Path vdiskRoot;
    private final Supplier<List<Path>> pathsInUse;
    private final Supplier<Boolean> root;
    private final FileSystems fileSystems;
    private final VdiskFiles vdisks;
    private final Jobs jobs = new Jobs();
    private final SoftwareRaid raid;
    private final Lvm lvm;
    private final SystemApi system;

    /**
     * @param pathsInUse absolute paths of the configured devices' back-ends (files and block devices)
     * @param root       whether the daemon runs as root
     */
    public HostApi(Path vdiskRoot, Supplier<List<Path>> pathsInUse, Supplier<Boolean> root) {
        this(vdiskRoot, pathsInUse, root, SoftwareRaid.forHost(), Lvm.forHost(), null);
    }

    /** @param system the system routes, or null where the daemon keeps no settings (they then answer 501) */
    HostApi(Path vdiskRoot, Supplier<List<Path>> pathsInUse, Supplier<Boolean> root, SoftwareRaid raid, Lvm lvm,
            SystemApi system) {
        this.raid = raid;
        this.lvm = lvm;
        this.system = system;
        this.vdiskRoot = vdiskRoot.toAbsolutePath().normalize();
        this.pathsInUse = pathsInUse;
        this.root = root;
        this.fileSystems = new FileSystems(this.vdiskRoot);
        this.vdisks = new VdiskFiles(this.vdiskRoot);
    }

    /** The host API of a daemon: devices in use come from its current configuration. */
    public static HostApi of(ConfigService service) {
        Path dataRoot = service.edits().allowedRoots().get(0);
        SystemSettings settings = new SystemSettings() {
            @Override
            public io.blockhouse.config.SystemConfig current() {
                return service.current().config().systemOrEmpty();
            }

            @Override
            public long update(String summary, java.util.function.UnaryOperator<io.blockhouse.config.SystemConfig>
                    change) throws HostException {
                try {
                    return service.change(summary, false, c -> c.withSystem(change.apply(c.systemOrEmpty())))
                            .number();
                } catch (io.blockhouse.mgmt.MgmtException e) {
                    throw new HostException(e.kind().httpStatus(), e.code(), e.getMessage());
                }
            }
        };
        return new HostApi(Path.of(System.getProperty(VDISK_ROOT_PROPERTY, "/mnt/vdisks")),
                () -> service.current().config().devices().stream().map(DeviceConfig::path)
                        .filter(Objects::nonNull).map(p -> dataRoot.resolve(p).toAbsolutePath().normalize()).toList(),
                HostApi::runningAsRoot, SoftwareRaid.forHost(), Lvm.forHost(),
                SystemApi.forHost(new SystemParts(settings, Appliance::detected, NetworkApplier.forHost(), dataRoot)));
    }

    static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Answers one request.
     *
     * @param path the request path split at '/': "", "v1", "host", ...
     */
    public Answer handle(String method, String[] path, Map<String, List<String>> query, String body) {
        try {
            return new Answer(200, JSON.writeValueAsString(route(method, path, query, body)));
        } catch (HostException | BadBody x) {
            HostException e = x instanceof BadBody b ? b.refusal : (HostException) x;
            ObjectNode n = JSON.createObjectNode().put("code", e.code()).put("message", e.getMessage());
            return new Answer(e.status(), n.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise host answer", e);
        }
    }

    private Object route(String method, String[] p, Map<String, List<String>> query, String body)
            throws HostException {
        String what = p.length > 3 ? p[3] : "";
        if (SystemApi.handles(what)) {
            if (system == null) {
                throw new HostException(501, "unavailable", "host: this daemon keeps no system settings");
            }
            return system.route(method, p, requestBody(body), this::requireRoot);
        }
        if (what.equals("raid") || what.equals("lvm")) {
            if (!method.equals("GET")) {
                requireRoot("change " + (what.equals("raid") ? "software RAID arrays" : "LVM volumes"));
            }
            Supplier<JsonNode> request = requestBody(body);
            return what.equals("raid") ? raid.route(method, p, request, pathsInUse.get())
                    : lvm.route(method, p, query, request, pathsInUse.get());
        }
        String key = method + " " + what + (p.length > 4 ? "/" : "");
        switch (key) {
            case "GET " -> {
                return JSON.createObjectNode().put("root", root.get()).put("vdiskRoot", vdiskRoot.toString());
            }
            case "GET blockdevices" -> {
                return BlockDevices.list();
            }
            case "GET filesystems" -> {
                return fileSystems.list();
            }
            case "POST filesystems" -> {
                requireRoot("create a file system");
                JsonNode b = body(body);
                Path mp = fileSystems.create(b.path("device").asText(null), b.path("type").asText(null),
                        b.path("name").asText(null), b.path("force").asBoolean(false), pathsInUse.get());
                return JSON.createObjectNode().put("mountpoint", mp.toString());
            }
            case "GET vdisks" -> {
                return vdisks.list(pathsInUse.get());
            }
            case "POST vdisks" -> {
                requireRoot("create a vdisk file");
                JsonNode b = body(body);
                long size = sizeField(b);
                Path file = vdisks.checkNew(b.path("path").asText(null), size);
                boolean sparse = b.path("sparse").asBoolean(false);
                Jobs.Job job = jobs.submit("create " + file, size, j -> VdiskFiles.create(file, size, sparse, j));
                return job.json().put("path", file.toString());
            }
            case "DELETE vdisks" -> {
                requireRoot("delete a vdisk file");
                List<String> paths = query.get("path");
                vdisks.delete(paths == null || paths.isEmpty() ? null : paths.get(0), pathsInUse.get());
                return JSON.createObjectNode().put("deleted", paths.get(0));
            }
            case "GET jobs/" -> {
                if (p.length != 5) {
                    break;
                }
                try {
                    return jobs.get(Long.parseLong(p[4])).json();
                } catch (NumberFormatException e) {
                    throw HostException.invalid("invalid_job", "job: not a number: " + p[4]);
                }
            }
            default -> {
            }
        }
        throw new HostException(404, "no_such_resource", "path: " + String.join("/", p)
                + " (" + method + ") is not a host resource of this API");
    }

    private static Supplier<JsonNode> requestBody(String body) {
        return () -> {
            try {
                return body(body);
            } catch (HostException e) {
                throw new BadBody(e);
            }
        };
    }

    private void requireRoot(String action) throws HostException {
        if (!root.get()) {
            log.info("refused to {}: the daemon does not run as root", action);
            throw new HostException(403, "not_root", "host: cannot " + action + ": the daemon does not run as "
                    + "root (host actions run mkfs, mount and friends)");
        }
    }

    private static JsonNode body(String text) throws HostException {
        try {
            JsonNode n = JSON.readTree(text == null ? "" : text);
            if (n == null || !n.isObject()) {
                throw HostException.invalid("invalid_request", "body: a JSON object is required");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw HostException.invalid("invalid_request", "body: " + e.getOriginalMessage());
        }
    }

    /** Carries a refused request body out of a {@link Supplier}. */
    private static final class BadBody extends RuntimeException {
        final HostException refusal;

        BadBody(HostException refusal) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
        }
    }

    /** The request's "size": bytes as a number, or a text such as "512M"; invalid_size when neither. */
    static long sizeField(JsonNode request) throws HostException {
        try {
            return ByteSize.of(request.path("size").isNumber() ? (Object) request.path("size").asLong()
                    : request.path("size").asText()).bytes();
        } catch (IllegalArgumentException e) {
            throw HostException.invalid("invalid_size", "size: " + e.getMessage());
        }
    }
}
