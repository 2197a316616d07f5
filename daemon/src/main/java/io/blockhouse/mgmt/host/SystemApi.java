package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Routes the system part of the host API to its pieces: network, time, mail, users, power, support bundle. Changes
 * that touch the host are checked first, then refused off the appliance (not_appliance) or when not root.
 */
final class SystemApi {

    private final NetworkApi network;
    private final TimeSettings time;
    private final MailAlerts mail;
    private final Accounts accounts;
    private final Power power;
    private final SupportBundle bundle;

    SystemApi(NetworkApi network, TimeSettings time, MailAlerts mail, Accounts accounts, Power power,
              SupportBundle bundle) {
        this.network = network;
        this.time = time;
        this.mail = mail;
        this.accounts = accounts;
        this.power = power;
        this.bundle = bundle;
    }

    /** The pieces for a daemon: the host's /etc, ntpd, blockhouse-sync, the log named by the system property. */
    static SystemApi forHost(SystemParts parts) {
        Path etc = Path.of("/etc");
        SystemApi api = new SystemApi(new NetworkApi(parts.settings(), parts.appliance(), parts.network()),
                new TimeSettings(parts.settings(), parts.appliance(), etc, true),
                new MailAlerts(parts.settings(), new SmtpClient(hostName())),
                new Accounts(parts.settings(), parts.appliance(), etc), Power.forHost(parts.appliance()),
                SupportBundle.forHost(parts.dataDir()));
        api.time.restore();
        if (parts.appliance().get()) {
            new AlertMailer(Path.of("/run/blockhouse/alerts"), parts.settings(), new SmtpClient(hostName())).start(30);
        }
        return api;
    }

    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "blockhouse";
        }
    }

    /** Whether {@code resource} (the segment after /v1/host/) is one of these routes. */
    static boolean handles(String resource) {
        return switch (resource) {
            case "network", "time", "mail", "users", "power", "support-bundle" -> true;
            default -> false;
        };
    }

    Object route(String method, String[] p, Supplier<JsonNode> body, HostGuard guard) throws HostException {
        return switch (p[3]) {
            case "network" -> network.route(method, p, body, guard);
            case "time" -> time.route(method, p, body, guard);
            case "mail" -> mail.route(method, p, body);
            case "users" -> accounts.route(method, p, body, guard);
            case "power" -> power.route(method, p, body, guard);
            case "support-bundle" -> bundle.route(method, p);
            default -> throw new HostException(404, "no_such_resource", "path: " + String.join("/", p));
        };
    }
}
