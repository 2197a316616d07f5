package io.blockhouse.config;

import java.util.List;

/**
 * Mail alerts through an SMTP relay (plain SMTP, no authentication: a relay on the storage network).
 *
 * @param relayHost the relay's host name or address
 * @param relayPort its port, default 25
 * @param from      the sender address
 * @param to        the recipients
 */
public record MailConfig(String relayHost, Integer relayPort, String from, List<String> to) {

    public MailConfig {
        to = to == null ? List.of() : List.copyOf(to);
    }

    public int relayPortOrDefault() {
        return relayPort == null ? 25 : relayPort;
    }
}
