package io.blockhouse.config;

import java.util.List;

/**
 * Host networking. Interfaces not listed ask DHCP at boot (the appliance's default).
 *
 * @param hostname   the host name, or null to keep the image's
 * @param dns        name servers (IPv4/IPv6 addresses), written to /etc/resolv.conf
 * @param gateway    the default gateway (an address), or null
 * @param interfaces one entry per configured interface, bond or VLAN
 */
public record NetworkConfig(String hostname, List<String> dns, String gateway, List<InterfaceConfig> interfaces) {

    public NetworkConfig {
        dns = dns == null ? List.of() : List.copyOf(dns);
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }
}
