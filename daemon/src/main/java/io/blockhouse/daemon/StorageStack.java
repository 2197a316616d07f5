package io.blockhouse.daemon;

import io.blockhouse.backend.BackendSpec;
import io.blockhouse.backend.Backends;
import io.blockhouse.backend.BlockBackend;
import io.blockhouse.config.DeviceConfig;
import io.blockhouse.scsi.LogicalUnit;
import io.blockhouse.scsi.LogicalUnitSpec;
import io.blockhouse.scsi.pr.FileReservationStore;
import io.blockhouse.scsi.pr.ReservationStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured devices, opened: one back-end and one logical unit per device. Opening is all or nothing: when one
 * device cannot be opened, those already opened are closed again and the error names the device.
 */
final class StorageStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorageStack.class);

    /** Persistent reservation state of units whose initiators set APTPL: {@code <data-dir>/reservations/<device>.json}. */
    static final String RESERVATIONS_DIR = "reservations";

    private final Map<String, LogicalUnit> units;
    private final List<BlockBackend> backends;

    private StorageStack(Map<String, LogicalUnit> units, List<BlockBackend> backends) {
        this.units = Collections.unmodifiableMap(units);
        this.backends = backends;
    }

    static StorageStack open(List<DeviceConfig> devices, DataDirectory dataDir, Executor io) throws IOException {
        Map<String, LogicalUnit> units = new LinkedHashMap<>();
        List<BlockBackend> backends = new ArrayList<>();
        ReservationStore reservations = new FileReservationStore(dataDir.root().resolve(RESERVATIONS_DIR));
        try {
            for (DeviceConfig device : devices) {
                BlockBackend backend = openBackend(device, dataDir);
                backends.add(backend);
                LogicalUnitSpec spec = DeviceIdentity.spec(device, dataDir.instanceId());
                units.put(device.name(), new LogicalUnit(spec, backend, io, reservations));
                log.info("device {}: {}, {} bytes, {}-byte blocks{}", device.name(), backend.describe(),
                        backend.size(), device.blockSizeOrDefault(), device.readOnlyOrDefault() ? ", read-only" : "");
            }
            return new StorageStack(units, backends);
        } catch (IOException | RuntimeException e) {
            new StorageStack(units, backends).close();
            throw e;
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

    /** The logical unit of a configured device, by device name. */
    Map<String, LogicalUnit> units() {
        return units;
    }

    /** Flushes every back-end, then closes the logical units (which close their back-ends). */
    @Override
    public void close() {
        for (BlockBackend backend : backends) {
            try {
                backend.flush();
            } catch (IOException e) {
                log.error("flush of {} failed at shutdown: {}", backend.describe(), e.getMessage());
            }
        }
        for (Map.Entry<String, LogicalUnit> e : units.entrySet()) {
            try {
                e.getValue().close();
            } catch (Exception ex) {
                log.error("closing device {} failed: {}", e.getKey(), ex.getMessage());
            }
        }
        if (units.size() < backends.size()) {
            // A back-end opened for a device whose logical unit could not be built: close it directly.
            for (BlockBackend backend : backends.subList(units.size(), backends.size())) {
                try {
                    backend.close();
                } catch (IOException ex) {
                    log.error("closing {} failed: {}", backend.describe(), ex.getMessage());
                }
            }
        }
    }
}
