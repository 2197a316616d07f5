package io.blockhouse.daemon;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.config.HostPort;
import io.blockhouse.iscsi.login.SessionParameters;
import io.blockhouse.iscsi.server.IscsiServer;
import io.blockhouse.iscsi.session.Session;
import io.blockhouse.mgmt.LiveApplier;
import io.blockhouse.mgmt.MgmtException;
import io.blockhouse.mgmt.PortGroupInfo;
import io.blockhouse.mgmt.SessionInfo;
import io.blockhouse.scsi.LogicalUnit;
import io.blockhouse.scsi.TargetPort;
import io.blockhouse.scsi.alua.AluaSense;
import io.blockhouse.scsi.alua.AluaState;
import io.blockhouse.scsi.alua.PortGroup;
import io.blockhouse.scsi.alua.TargetPortGroups;
import io.blockhouse.scsi.sense.SenseCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running target as live reconfiguration changes it: devices, the catalog the iSCSI layer reads, and the live
 * sessions. A change opens new devices first (a failure leaves everything as it was), swaps the catalog, gives every
 * concerned session its new LUN map (with unit attentions) or ends it when it lost its target, and finally closes
 * the devices taken out. Sessions a change does not concern never notice it. One change at a time (synchronized).
 */
final class LiveRuntime implements LiveApplier {

    private static final Logger log = LoggerFactory.getLogger(LiveRuntime.class);

    private final StorageStack storage;
    private final List<InetSocketAddress> listen;
    /** Concurrent: SET TARGET PORT GROUPS walks it from an event loop while a change may be under way. */
    private final Map<String, TargetPort> ports = new java.util.concurrent.ConcurrentHashMap<>();
    private final TargetPortGroups portGroups = new TargetPortGroups(AluaState.allOptimized(List.of()));
    private final LiveCatalog catalog;
    /** Volatile so the metrics read it without waiting for a change in progress. */
    private volatile IscsiServer server;
    private MetricsEndpoint metricsEndpoint;
    /** What the metrics read without taking the change lock: the applied configuration and its open devices. */
    private volatile BlockhouseConfig applied;
    private volatile List<StorageStack.Device> devices;

    LiveRuntime(StorageStack storage, BlockhouseConfig config, List<InetSocketAddress> listen) {
        this.storage = storage;
        this.listen = List.copyOf(listen);
        this.catalog = new LiveCatalog(new ConfiguredCatalog(config, listen, storage.units(), this::portFor,
                this::currentCatalog));
        this.applied = config;
        this.devices = storage.devices();
        portGroups.replace(AluaStates.of(config.aluaOrDefault(), catalog.current(), portGroups.current()));
        // After an initiator's SET TARGET PORT GROUPS every other initiator port gets ASYMMETRIC ACCESS STATE CHANGED.
        portGroups.addListener((states, requester) -> raiseOnAllPorts(AluaSense.ASYMMETRIC_ACCESS_STATE_CHANGED,
                requester));
    }

    /** The configuration the running target follows now. */
    BlockhouseConfig appliedConfig() {
        return applied;
    }

    /** The open devices now (a snapshot, safe to read while a change runs). */
    List<StorageStack.Device> devices() {
        return devices;
    }

    /** The iSCSI server once attached, else null. */
    IscsiServer server() {
        return server;
    }

    /** Lets live changes move the metrics TCP listener. */
    synchronized void attach(MetricsEndpoint endpoint) {
        this.metricsEndpoint = endpoint;
    }

    /** The target port groups shared by every target port. */
    TargetPortGroups targetPortGroups() {
        return portGroups;
    }

    private static String statusName(PortGroup.Status status) {
        return switch (status) {
            case NONE -> "none";
            case ALTERED_BY_SET_TARGET_PORT_GROUPS -> "set-by-initiator";
            case ALTERED_IMPLICITLY -> "implicit";
        };
    }

    @Override
    public List<PortGroupInfo> portGroups() {
        AluaState state = portGroups.current();
        Map<Integer, PortGroupInfo.Port> byId = new HashMap<>();
        for (ConfiguredTarget t : catalog.current().targets()) {
            for (ConfiguredTarget.Binding b : t.bindings()) {
                byId.put(b.port().relativePortId(), new PortGroupInfo.Port(b.port().relativePortId(),
                        b.port().name(), b.layout().portals().stream().map(HostPort::format).toList()));
            }
        }
        List<PortGroupInfo> out = new ArrayList<>();
        for (PortGroup g : state.groups()) {
            List<PortGroupInfo.Port> members = g.relativePortIds().stream().map(byId::get)
                    .filter(Objects::nonNull).toList();
            out.add(new PortGroupInfo(g.id(), g.name(), g.state().configName(), g.preferred(),
                    statusName(g.status()), members));
        }
        return out;
    }

    /** A unit attention on every logical unit of every open nexus (port groups are the same for all units). */
    private void raiseOnAllPorts(io.blockhouse.scsi.sense.Sense sense, String exceptInitiatorPort) {
        ports.values().forEach(p -> p.raiseUnitAttention(sense, exceptInitiatorPort));
    }

    LiveCatalog catalog() {
        return catalog;
    }

    private ConfiguredCatalog currentCatalog() {
        return catalog == null ? null : catalog.current();
    }

    synchronized void attach(IscsiServer server) {
        this.server = server;
    }

    /** Target ports outlive catalogs (nexuses stay attached); a new target gets the lowest free relative port id. */
    private TargetPort portFor(String portName) {
        return ports.computeIfAbsent(portName, name -> {
            Set<Integer> used = new TreeSet<>();
            ports.values().forEach(p -> used.add(p.relativePortId()));
            int id = 1;
            while (used.contains(id)) {
                id++;
            }
            return new TargetPort(name, id, portGroups);
        });
    }

    @Override
    public synchronized void apply(BlockhouseConfig from, BlockhouseConfig to, boolean force) throws MgmtException {
        if (!from.listen().equals(to.listen())) {
            throw new MgmtException(MgmtException.Kind.CONFLICT, "restart_required",
                    "listen: the listen addresses change only at a restart (--listen)");
        }
        if (!Objects.equals(from.iscsi(), to.iscsi())) {
            throw new MgmtException(MgmtException.Kind.CONFLICT, "restart_required",
                    "iscsi: negotiation limits change only at a restart");
        }
        Map<String, DeviceConfig> before = byName(from);
        Map<String, DeviceConfig> after = byName(to);
        List<String> removed = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        List<String> added = new ArrayList<>();
        before.forEach((name, d) -> {
            if (!after.containsKey(name)) {
                removed.add(name);
            } else if (!after.get(name).equals(d)) {
                replaced.add(name);
            }
        });
        after.keySet().stream().filter(n -> !before.containsKey(n)).forEach(added::add);
        Set<LogicalUnit> inUse = unitsInUse();
        for (String name : removed) {
            refuseIfBusy("devices." + name, storage.device(name), inUse, force);
        }
        for (String name : replaced) {
            if (!isResize(before.get(name), after.get(name))) {
                refuseIfBusy("devices." + name, storage.device(name), inUse, force);
            } else {
                checkResize(before.get(name), after.get(name));
            }
        }

        MetricsEndpoint.Change metricsChange = metricsEndpoint == null ? null
                : metricsEndpoint.prepare(to.metrics());
        Map<String, StorageStack.Device> opened = new LinkedHashMap<>();
        try {
            for (String name : replaced) {
                opened.put(name, storage.openDevice(after.get(name)));
            }
            for (String name : added) {
                opened.put(name, storage.openDevice(after.get(name)));
            }
        } catch (IOException | RuntimeException e) {
            opened.values().forEach(StorageStack::closeDevice);
            if (metricsChange != null) {
                metricsChange.abandon();
            }
            throw new MgmtException(MgmtException.Kind.FAILED, "device_open_failed", e.getMessage(), e);
        }

        // From here on nothing is refused: swap everything in.
        List<StorageStack.Device> retired = new ArrayList<>();
        for (String name : replaced) {
            StorageStack.Device old = storage.remove(name);
            StorageStack.Device next = opened.get(name);
            next.unit().continueFrom(old.unit(), isResize(before.get(name), after.get(name))
                    ? SenseCodes.CAPACITY_DATA_HAS_CHANGED : SenseCodes.INQUIRY_DATA_HAS_CHANGED);
            storage.put(next);
            retired.add(old);
        }
        for (String name : added) {
            storage.put(opened.get(name));
        }
        for (String name : removed) {
            retired.add(storage.remove(name));
        }
        ConfiguredCatalog next = new ConfiguredCatalog(to, listen, storage.units(), this::portFor,
                this::currentCatalog);
        AluaState aluaBefore = portGroups.replace(AluaStates.of(to.aluaOrDefault(), next, portGroups.current()));
        catalog.swap(next);
        // Every open nexus first (also those of logins still completing), then the sessions that must end.
        for (ConfiguredTarget t : next.targets()) {
            t.bindings().forEach(b -> b.port().remapAll(t::lunMapFor));
        }
        updateSessions(next);
        ports.keySet().retainAll(next.targets().stream()
                .flatMap(t -> t.bindings().stream().map(b -> b.port().name())).toList());
        applied = to;
        devices = storage.devices();
        AluaState aluaNow = portGroups.current();
        if (aluaBefore.accessDiffers(aluaNow)) {
            raiseOnAllPorts(AluaSense.ASYMMETRIC_ACCESS_STATE_CHANGED, null);
        }
        if (aluaBefore.explicit() != aluaNow.explicit()) {
            raiseOnAllPorts(SenseCodes.INQUIRY_DATA_HAS_CHANGED, null); // the TPGS bits changed
        }
        if (metricsChange != null) {
            metricsChange.commit();
        }
        for (StorageStack.Device d : retired) {
            StorageStack.closeDevice(d);
            log.info("device {} closed", d.config().name());
        }
    }

    private static Map<String, DeviceConfig> byName(BlockhouseConfig config) {
        Map<String, DeviceConfig> map = new LinkedHashMap<>();
        config.devices().forEach(d -> map.put(d.name(), d));
        return map;
    }

    /** Only the size differs: the same medium, grown (file, null) — a resize, not a different device. */
    private static boolean isResize(DeviceConfig a, DeviceConfig b) {
        DeviceConfig aWithB = a.withSize(b.size());
        return aWithB.equals(b) && !Objects.equals(a.size(), b.size());
    }

    private void checkResize(DeviceConfig a, DeviceConfig b) throws MgmtException {
        String at = "devices." + a.name() + ".size";
        if (a.backend().equals("ram")) {
            throw new MgmtException(MgmtException.Kind.CONFLICT, "resize_unsupported",
                    at + ": a RAM device cannot be resized live (its contents would be lost)");
        }
        long current = storage.device(a.name()).backend().size();
        if (b.size() == null || b.size().bytes() < current) {
            throw new MgmtException(MgmtException.Kind.CONFLICT, "shrink_refused",
                    at + ": devices only grow (" + current + " bytes now); shrinking would cut off data");
        }
    }

    private static void refuseIfBusy(String at, StorageStack.Device device, Set<LogicalUnit> inUse, boolean force)
            throws MgmtException {
        if (force || device == null) {
            return;
        }
        if (inUse.contains(device.unit())) {
            throw new MgmtException(MgmtException.Kind.CONFLICT, "device_in_use",
                    at + ": mapped by a live session (use force to remove it anyway)");
        }
        int tasks = device.unit().outstandingTasks();
        if (tasks > 0) {
            throw new MgmtException(MgmtException.Kind.CONFLICT, "device_in_use",
                    at + ": " + tasks + " command(s) in flight (use force to remove it anyway)");
        }
    }

    private Set<LogicalUnit> unitsInUse() {
        Set<LogicalUnit> units = new java.util.HashSet<>();
        ports.values().forEach(p -> units.addAll(p.unitsInUse()));
        return units;
    }

    /** Each live session: ended when its target is gone, disabled or no longer admits it; else remapped. */
    private void updateSessions(ConfiguredCatalog next) {
        if (server == null) {
            return;
        }
        for (Session s : server.sessions()) {
            if (s.discovery()) {
                continue;
            }
            Optional<ConfiguredTarget> target = next.target(s.target().name());
            String why = null;
            if (target.isEmpty()) {
                why = "target removed";
            } else if (!target.get().enabled()) {
                why = "target disabled";
            } else if (!target.get().admits(s.initiatorName())) {
                why = "initiator no longer admitted";
            } else if (s.channel().localAddress() instanceof InetSocketAddress local
                    && !target.get().servedOn(local)) {
                why = "portal removed";
            } else if (!(s.channel().localAddress() instanceof InetSocketAddress local
                    ? target.get().bindingFor(local).port() : target.get().port())
                    .remap(s.nexus(), target.get().lunMapFor(s.initiatorName()))) {
                why = "target port changed";
            }
            if (why != null) {
                log.info("ending {}: {}", s, why);
                s.terminate();
            }
        }
    }

    @Override
    public List<SessionInfo> sessions() {
        IscsiServer srv;
        synchronized (this) {
            srv = server;
        }
        if (srv == null) {
            return List.of();
        }
        ConfiguredCatalog current = catalog.current();
        List<SessionInfo> out = new ArrayList<>();
        for (Session s : srv.sessions()) {
            String address = s.channel().remoteAddress() instanceof InetSocketAddress a ? HostPort.format(a) : "";
            List<Integer> luns = s.discovery() ? List.of() : current.target(s.target().name())
                    .map(t -> t.lunMapFor(s.initiatorName()).luns()).orElse(List.of());
            List<SessionInfo.LunCounters> counters = s.discovery() || s.nexus() == null ? List.of()
                    : current.target(s.target().name()).map(t -> t.port().lunStatistics(s.nexus())).orElse(List.of())
                    .stream().map(c -> new SessionInfo.LunCounters(c.lun(), c.device(), c.reads(), c.writes(),
                            c.bytesRead(), c.bytesWritten(), c.errors())).toList();
            out.add(new SessionInfo(s.tsih(), s.initiatorName(), HexFormat.of().formatHex(s.isid()),
                    s.discovery() ? "" : s.target().name(), address, luns,
                    s.nexus() == null ? 0 : s.nexus().outstandingTasks(), parameters(s.parameters()), counters));
        }
        return out;
    }

    private static Map<String, String> parameters(SessionParameters p) {
        Map<String, String> m = new LinkedHashMap<>();
        if (p == null) {
            return m;
        }
        m.put("HeaderDigest", p.headerDigest() ? "CRC32C" : "None");
        m.put("DataDigest", p.dataDigest() ? "CRC32C" : "None");
        m.put("MaxRecvDataSegmentLength", Integer.toString(p.initiatorMaxRecvDataSegmentLength()));
        m.put("TargetMaxRecvDataSegmentLength", Integer.toString(p.targetMaxRecvDataSegmentLength()));
        m.put("MaxBurstLength", Integer.toString(p.maxBurstLength()));
        m.put("FirstBurstLength", Integer.toString(p.firstBurstLength()));
        m.put("ImmediateData", p.immediateData() ? "Yes" : "No");
        m.put("InitialR2T", p.initialR2T() ? "Yes" : "No");
        m.put("MaxOutstandingR2T", Integer.toString(p.maxOutstandingR2T()));
        m.put("ErrorRecoveryLevel", Integer.toString(p.errorRecoveryLevel()));
        return m;
    }
}
