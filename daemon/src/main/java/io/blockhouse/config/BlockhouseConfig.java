package io.blockhouse.config;

import java.util.List;

/**
 * The whole daemon configuration, as read from JSON. Immutable; optional fields are null when absent and resolved
 * by the {@code ...OrDefault()} accessors. {@link ConfigValidator} checks it before anything is applied.
 *
 * @param listen        "host:port" addresses the iSCSI server binds (default 0.0.0.0:3260)
 * @param discoveryChap CHAP required for SendTargets discovery sessions, or null
 * @param alua          target port groups (ALUA); null or absent means none (every port active/optimized)
 * @param metrics       the Prometheus metrics TCP listener, or null (none)
 * @param api           who may use the management API (socket group, TCP listener), or null for the socket alone
 * @param system        the appliance's own settings (network, time, mail, root password), or null
 */
public record BlockhouseConfig(IscsiConfig iscsi, List<String> listen, ChapConfig discoveryChap,
                               List<DeviceConfig> devices, List<TargetConfig> targets, AluaConfig alua,
                               MetricsConfig metrics, ApiConfig api, SystemConfig system) {

    public BlockhouseConfig {
        iscsi = iscsi == null ? new IscsiConfig(null, null, null, null, null, null, null, null, null, null, null,
                null) : iscsi;
        listen = listen == null || listen.isEmpty() ? List.of("0.0.0.0:3260") : List.copyOf(listen);
        devices = devices == null ? List.of() : List.copyOf(devices);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /**
     * A configuration with only the storage model: no port groups, no metrics listener, the API on its Unix socket
     * only, no system settings. {@code ConfigService.change} keeps the current system settings when an edit builds
     * its result this way, so edits of storage and targets never drop them.
     */
    public BlockhouseConfig(IscsiConfig iscsi, List<String> listen, ChapConfig discoveryChap,
                            List<DeviceConfig> devices, List<TargetConfig> targets) {
        this(iscsi, listen, discoveryChap, devices, targets, null, null, null, null);
    }

    /** The ALUA configuration, {@link AluaConfig#NONE} when absent. */
    public AluaConfig aluaOrDefault() {
        return alua == null ? AluaConfig.NONE : alua;
    }

    /** The same configuration listening on other addresses (the --listen option). */
    public BlockhouseConfig withListen(List<String> addresses) {
        return new BlockhouseConfig(iscsi, addresses, discoveryChap, devices, targets, alua, metrics, api, system);
    }

    /** The same model with another storage part (devices and targets); every other section is kept. */
    public BlockhouseConfig withStorage(List<DeviceConfig> newDevices, List<TargetConfig> newTargets) {
        return new BlockhouseConfig(iscsi, listen, discoveryChap, newDevices, newTargets, alua, metrics, api, system);
    }

    /** The same configuration with other ALUA settings. */
    public BlockhouseConfig withAlua(AluaConfig newAlua) {
        return new BlockhouseConfig(iscsi, listen, discoveryChap, devices, targets, newAlua, metrics, api, system);
    }

    /** The same model with another "metrics" section (null: no TCP metrics listener). */
    public BlockhouseConfig withMetrics(MetricsConfig section) {
        return new BlockhouseConfig(iscsi, listen, discoveryChap, devices, targets, alua, section, api, system);
    }

    /** The same model with another "api" section (null: the Unix socket only). */
    public BlockhouseConfig withApi(ApiConfig section) {
        return new BlockhouseConfig(iscsi, listen, discoveryChap, devices, targets, alua, metrics, section, system);
    }

    /** The same configuration with other system settings. */
    public BlockhouseConfig withSystem(SystemConfig settings) {
        return new BlockhouseConfig(iscsi, listen, discoveryChap, devices, targets, alua, metrics, api, settings);
    }

    /** The system settings, never null. */
    public SystemConfig systemOrEmpty() {
        return system == null ? SystemConfig.EMPTY : system;
    }
}
