package io.blockhouse.config;

import java.util.List;

/**
 * The whole daemon configuration, as read from JSON. Immutable; optional fields are null when absent and resolved
 * by the {@code ...OrDefault()} accessors. {@link ConfigValidator} checks it before anything is applied.
 *
 * @param listen        "host:port" addresses the iSCSI server binds (default 0.0.0.0:3260)
 * @param discoveryChap CHAP required for SendTargets discovery sessions, or null
 * @param alua          target port groups (ALUA); null or absent means none (every port active/optimized)
 */
public record BlockhouseConfig(IscsiConfig iscsi, List<String> listen, ChapConfig discoveryChap,
                               List<DeviceConfig> devices, List<TargetConfig> targets, AluaConfig alua) {

    public BlockhouseConfig {
        iscsi = iscsi == null ? new IscsiConfig(null, null, null, null, null, null, null, null, null, null, null,
                null) : iscsi;
        listen = listen == null || listen.isEmpty() ? List.of("0.0.0.0:3260") : List.copyOf(listen);
        devices = devices == null ? List.of() : List.copyOf(devices);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** A configuration without port groups (every target port in the implicit default group). */
    public BlockhouseConfig(IscsiConfig iscsi, List<String> listen, ChapConfig discoveryChap,
                            List<DeviceConfig> devices, List<TargetConfig> targets) {
        this(iscsi, listen, discoveryChap, devices, targets, null);
    }

    /** The ALUA configuration, {@link AluaConfig#NONE} when absent. */
    public AluaConfig aluaOrDefault() {
        return alua == null ? AluaConfig.NONE : alua;
    }

    /** The same configuration with other ALUA settings. */
    public BlockhouseConfig withAlua(AluaConfig newAlua) {
        return new BlockhouseConfig(iscsi, listen, discoveryChap, devices, targets, newAlua);
    }

    /** The same configuration listening on other addresses (the --listen option). */
    public BlockhouseConfig withListen(List<String> addresses) {
        return new BlockhouseConfig(iscsi, addresses, discoveryChap, devices, targets, alua);
    }
}
