package io.blockhouse.config;

import java.util.List;

/**
 * The whole daemon configuration, as read from JSON. Immutable; optional fields are null when absent and resolved
 * by the {@code ...OrDefault()} accessors. {@link ConfigValidator} checks it before anything is applied.
 *
 * @param listen        "host:port" addresses the iSCSI server binds (default 0.0.0.0:3260)
 * @param discoveryChap CHAP required for SendTargets discovery sessions, or null
 * @param system        the appliance's own settings (network, time, mail, root password), or null
 */
public record BlockhouseConfig(IscsiConfig iscsi, List<String> listen, ChapConfig discoveryChap,
                               List<DeviceConfig> devices, List<TargetConfig> targets, SystemConfig system) {

    /**
     * A configuration without system settings. {@code ConfigService.change} keeps the current system settings when
     * an edit builds its result this way, so edits of storage and targets never drop them.
     */
    public BlockhouseConfig(IscsiConfig iscsi, List<String> listen, ChapConfig discoveryChap,
                            List<DeviceConfig> devices, List<TargetConfig> targets) {
        this(iscsi, listen, discoveryChap, devices, targets, null);
    }

    public BlockhouseConfig {
        iscsi = iscsi == null ? new IscsiConfig(null, null, null, null, null, null, null, null, null, null, null,
                null) : iscsi;
        listen = listen == null || listen.isEmpty() ? List.of("0.0.0.0:3260") : List.copyOf(listen);
        devices = devices == null ? List.of() : List.copyOf(devices);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** The same configuration listening on other addresses (the --listen option). */
    public BlockhouseConfig withListen(List<String> addresses) {
        return new BlockhouseConfig(iscsi, addresses, discoveryChap, devices, targets, system);
    }

    /** The same configuration with other system settings. */
    public BlockhouseConfig withSystem(SystemConfig settings) {
        return new BlockhouseConfig(iscsi, listen, discoveryChap, devices, targets, settings);
    }

    /** The system settings, never null. */
    public SystemConfig systemOrEmpty() {
        return system == null ? SystemConfig.EMPTY : system;
    }
}
