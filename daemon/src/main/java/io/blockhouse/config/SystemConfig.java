package io.blockhouse.config;

/**
 * The appliance's own settings, kept in the configuration model so that every change is a generation (history,
 * rollback of the rest leaves them alone) and the appliance restores them at boot. Every part is optional.
 *
 * @param network          interfaces, bonds, VLANs, hostname, DNS, default gateway
 * @param time             time zone and NTP servers
 * @param mail             SMTP relay for alerts
 * @param rootPasswordHash crypt(3) hash of root's console password (SHA-512, "$6$..."), never the password itself
 */
public record SystemConfig(NetworkConfig network, TimeConfig time, MailConfig mail, String rootPasswordHash) {

    /** No settings: DHCP on every Ethernet interface, UTC, no mail. */
    public static final SystemConfig EMPTY = new SystemConfig(null, null, null, null);

    public SystemConfig withNetwork(NetworkConfig n) {
        return new SystemConfig(n, time, mail, rootPasswordHash);
    }

    public SystemConfig withTime(TimeConfig t) {
        return new SystemConfig(network, t, mail, rootPasswordHash);
    }

    public SystemConfig withMail(MailConfig m) {
        return new SystemConfig(network, time, m, rootPasswordHash);
    }

    public SystemConfig withRootPasswordHash(String hash) {
        return new SystemConfig(network, time, mail, hash);
    }
}
