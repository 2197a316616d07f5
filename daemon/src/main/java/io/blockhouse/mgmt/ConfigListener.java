package io.blockhouse.mgmt;

/**
 * Told after each configuration change has become durable (e.g. the appliance's flash sync). Runs on the thread
 * that made the change, after the change lock is released; must not block for long.
 */
@FunctionalInterface
public interface ConfigListener {

    void configChanged(ConfigGeneration generation);
}
