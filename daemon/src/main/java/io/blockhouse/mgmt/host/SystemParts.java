package io.blockhouse.mgmt.host;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the system part of the host API (network, time, mail, users, power, support bundle) works with.
 *
 * @param settings  the settings in the configuration model
 * @param appliance whether the daemon runs on the appliance (see {@link Appliance})
 * @param network   applies network settings with ip
 * @param dataDir   the daemon's data directory (config generations, support bundles, the daemon log)
 */
record SystemParts(SystemSettings settings, Supplier<Boolean> appliance, NetworkApplier network, Path dataDir) {
}
