package io.blockhouse.daemon;

import io.blockhouse.backend.BackendSpec;
import io.blockhouse.backend.Backends;
import io.blockhouse.backend.BlockBackend;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.scsi.LogicalUnit;
import io.blockhouse.scsi.LogicalUnitSpec;
import io.blockhouse.scsi.admission.TaskSetBound;
import io.blockhouse.scsi.pr.FileReservationStore;
import io.blockhouse.scsi.pr.ReservationStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured devices, opened: one back-end and one logical unit per device. Opening at start is all or nothing:
 * when one device cannot be opened, those already opened are closed again and the error names the device. Live
 * reconfiguration opens devices one by one ({@link #openDevice}) before it swaps them in ({@link #put}) and closes
 * the ones it took out ({@link #closeDevice}). Not thread-safe: the daemon changes it under its change lock.
 */
final class StorageStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorageStack.class);

    /** One opened device. */
    record Device(DeviceConfig config, BlockBackend backend, LogicalUnit unit) {
    }

    /** Persistent reservation state of units whose initiators set APTPL: {@code <data-dir>/reservations/<device>.json}. */
    static final String RESERVATIONS_DIR = "reservations";

    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final DataDirectory dataDir;
    private final Executor io;
    private final ReservationStore reservations;
    private final int taskSetSize;

    private StorageStack(DataDirectory dataDir, Executor io, int taskSetSize) {
        this.dataDir = dataDir;
        this.io = io;
        this.taskSetSize = taskSetSize;
        this.reservations = new FileReservationStore(dataDir.root().resolve(RESERVATIONS_DIR));
    }

    static StorageStack open(List<DeviceConfig> configs, DataDirectory dataDir, Executor io) throws IOException {
        return open(configs, dataDir, io, TaskSetBound.DEFAULT_CAPACITY);
    }

    /** @param taskSetSize the task set bound of every logical unit ({@code iscsi.taskSetSize}) */
    static StorageStack open(List<DeviceConfig> configs, DataDirectory dataDir, Executor io, int taskSetSize)
            throws IOException {
        StorageStack stack = new StorageStack(dataDir, io, taskSetSize);
        try {
            for (DeviceConfig device : configs) {
                stack.put(stack.openDevice(device));
            }
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Opens one device without registering it; the caller {@link #put}s or {@link #closeDevice closes} it. */
    Device openDevice(DeviceConfig device) throws IOException {
        BlockBackend backend = openBackend(device, dataDir);
        try {
            LogicalUnitSpec spec = DeviceIdentity.spec(device, dataDir.instanceId());
            LogicalUnit unit = new LogicalUnit(spec, backend, io, reservations, taskSetSize);
            log.info("device {}: {}, {} bytes, {}-byte blocks{}", device.name(), backend.describe(),
                    backend.size(), device.blockSizeOrDefault(), device.readOnlyOrDefault() ? ", read-only" : "");
            return new Device(device, backend, unit);
        } catch (RuntimeException e) {
            try {
                backend.close();
            } catch (IOException ex) {
                e.addSuppressed(ex);
            }
            throw new IOException("device " + device.name() + ": " + e.getMessage(), e);
        }
    }

    private static BlockBackend openBackend(DeviceConfig device, DataDirectory dataDir) throws IOException {
        BackendSpec.Kind kind = BackendSpec.Kind.valueOf(device.backend().toUpperCase(Locale.ROOT));
        Path path = device.path() == null ? null : dataDir.resolve(device.path());
        long size = device.size() == null ? 0 : device.size().bytes();
        if (kind == BackendSpec.Kind.FILE && device.size() == null) {
            if (!Files.exists(path)) {
                throw new IOException("device " + device.name() + ": " + path + " does not exist and no size is"
                        + " configured to create it");
            }
            size = Files.size(path);
        }
        BackendSpec spec = new BackendSpec(kind, path, size, device.directIoOrDefault(),
                device.readOnlyOrDefault(), device.writeThroughOrDefault());
        try {
            return Backends.open(spec);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("device " + device.name() + ": " + e.getMessage(), e);
        }
    }

    /** Registers an opened device (replacing the registration of one with the same name, which stays open). */
    void put(Device device) {
        devices.put(device.config().name(), device);
    }

    /** Unregisters a device; the caller closes it. */
    Device remove(String name) {
        return devices.remove(name);
    }

    Device device(String name) {
        return devices.get(name);
    }

    /** The registered devices in configuration order; a snapshot. */
    List<Device> devices() {
        return List.copyOf(devices.values());
    }

    /** The logical unit of each registered device, by device name; a snapshot. */
    Map<String, LogicalUnit> units() {
        Map<String, LogicalUnit> units = new LinkedHashMap<>();
        devices.forEach((name, d) -> units.put(name, d.unit()));
        return units;
    }

    /** Flushes, then closes (waiting for commands still running on it). */
    static void closeDevice(Device device) {
        try {
            device.backend().flush();
        } catch (IOException e) {
            log.error("flush of {} failed at close: {}", device.backend().describe(), e.getMessage());
        }
        try {
            device.unit().close();
        } catch (RuntimeException e) {
            log.error("closing device {} failed: {}", device.config().name(), e.getMessage());
        }
    }

    /** Flushes every back-end, then closes the logical units (which close their back-ends). */
    @Override
    public void close() {
        for (Device d : new ArrayList<>(devices.values())) {
            closeDevice(d);
        }
        devices.clear();
    }
}
