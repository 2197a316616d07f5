package io.blockhouse.config;

import java.util.List;

/**
 * One network interface.
 *
 * @param name      the interface name (eth0, bond0, eth0.10)
 * @param type      "ethernet" (default: an existing interface), "bond" or "vlan" (created by the appliance)
 * @param mode      "dhcp" (default), "static" (the addresses below) or "none" (up, no address: a bond member)
 * @param addresses static addresses in CIDR form, e.g. "192.168.1.10/24"
 * @param slaves    a bond's member interfaces
 * @param bondMode  a bond's mode: active-backup (default), balance-rr, balance-xor, broadcast, 802.3ad,
 *                  balance-tlb, balance-alb
 * @param link      a VLAN's parent interface
 * @param vlanId    a VLAN's id, 1..4094
 */
public record InterfaceConfig(String name, String type, String mode, List<String> addresses, List<String> slaves,
                              String bondMode, String link, Integer vlanId) {

    public InterfaceConfig {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        slaves = slaves == null ? List.of() : List.copyOf(slaves);
    }

    public String typeOrDefault() {
        return type == null ? "ethernet" : type;
    }

    public String modeOrDefault() {
        return mode == null ? "dhcp" : mode;
    }

    public String bondModeOrDefault() {
        return bondMode == null ? "active-backup" : bondMode;
    }
}
