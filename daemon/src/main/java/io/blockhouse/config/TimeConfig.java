package io.blockhouse.config;

import java.util.List;

/**
 * Time settings.
 *
 * @param timezone   an IANA zone name (e.g. "Europe/Berlin"), or null for UTC
 * @param ntpServers NTP servers (host names or addresses) busybox ntpd follows on the appliance
 */
public record TimeConfig(String timezone, List<String> ntpServers) {

    public TimeConfig {
        ntpServers = ntpServers == null ? List.of() : List.copyOf(ntpServers);
    }
}
