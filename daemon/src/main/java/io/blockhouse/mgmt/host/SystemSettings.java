package io.blockhouse.mgmt.host;

import io.blockhouse.config.SystemConfig;
import java.util.function.UnaryOperator;

/** Where the host API keeps the appliance's own settings: the configuration model (one generation per change). */
public interface SystemSettings {

    /** The current settings, never null. */
    SystemConfig current();

    /**
     * Validates and stores a change as a new configuration generation.
     *
     * @return the generation number
     * @throws HostException the model refused it (invalid_config naming the field) or it could not be written
     */
    long update(String summary, UnaryOperator<SystemConfig> change) throws HostException;
}
