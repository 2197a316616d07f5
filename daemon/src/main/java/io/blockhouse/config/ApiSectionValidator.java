package io.blockhouse.config;

import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks of the "api" section that need no file system: a usable listen address that no iSCSI portal uses, the
 * three files named by absolute paths, a plausible group name. Whether the files can be read is checked by the
 * listener when it starts ({@code mgmt.TcpApiSecurity}).
 */
final class ApiSectionValidator {

    /** What groupadd accepts (Debian's default NAME_REGEX, with upper case allowed). */
    private static final Pattern GROUP = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

    private ApiSectionValidator() {
    }

    /** @param portals the iSCSI listen addresses that parsed */
    static List<String> problems(ApiConfig api, List<InetSocketAddress> portals) {
        List<String> problems = new ArrayList<>();
        if (api == null) {
            return problems;
        }
        if (api.group() != null && !GROUP.matcher(api.group()).matches()) {
            problems.add("api.group: not a group name: \"" + api.group() + "\"");
        }
        TcpApiConfig tcp = api.tcp();
        if (tcp == null) {
            return problems;
        }
        if (tcp.listen() == null) {
            problems.add("api.tcp.listen: required, \"host:port\" (e.g. \"0.0.0.0:8443\")");
        } else {
            try {
                InetSocketAddress a = HostPort.parse(tcp.listen(), -1);
                if (a.getPort() == 0) {
                    problems.add("api.tcp.listen: port 0 is not a fixed port");
                }
                for (InetSocketAddress portal : portals) {
                    if (portal.getPort() == a.getPort() && overlap(portal, a)) {
                        problems.add("api.tcp.listen: " + tcp.listen() + " is also an iSCSI listen address");
                        break;
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add("api.tcp.listen: " + e.getMessage());
            }
        }
        absolute(problems, "api.tcp.certificate", tcp.certificate());
        absolute(problems, "api.tcp.privateKey", tcp.privateKey());
        absolute(problems, "api.tcp.tokenFile", tcp.tokenFile());
        return problems;
    }

    private static boolean overlap(InetSocketAddress a, InetSocketAddress b) {
        return a.getAddress().isAnyLocalAddress() || b.getAddress().isAnyLocalAddress()
                || a.getAddress().equals(b.getAddress());
    }

    private static void absolute(List<String> problems, String field, String path) {
        if (path == null || path.isBlank()) {
            problems.add(field + ": required, an absolute path");
            return;
        }
        try {
            if (!Path.of(path).isAbsolute()) {
                problems.add(field + ": must be an absolute path, got \"" + path + "\"");
            }
        } catch (InvalidPathException e) {
            problems.add(field + ": not a path: " + e.getMessage());
        }
    }
}
