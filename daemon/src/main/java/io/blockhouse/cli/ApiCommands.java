package io.blockhouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code blockhouse api show|set|reset}: the "api" section (socket group, TCP listener), changed live. */
final class ApiCommands {

    private static final List<String> TCP_OPTIONS = List.of("--tcp-listen", "--tls-certificate", "--tls-private-key",
            "--tcp-token-file");

    private ApiCommands() {
    }

    static void add(List<Command> c) {
        c.add(new Command("api", "show", "", "Shows the \"api\" section: the socket's group and the TCP listener.",
                List.of(), List.of(), 0, 0, ApiCommands::show));
        c.add(new Command("api", "set", "[--group GROUP] [--tcp-listen HOST:PORT --tls-certificate FILE "
                + "--tls-private-key FILE --tcp-token-file FILE]",
                """
                Replaces the "api" section, live: --group hands the API socket to GROUP (mode 0660 stays); the
                --tcp-* and --tls-* options (all four together) open the API on TCP, TLS 1.2/1.3 only, every request
                needing "Authorization: Bearer" with the token in FILE (mode 0600). Paths are absolute, on the
                daemon's machine. Options left out are removed from the section.""",
                List.of(), List.of("--group", "--tcp-listen", "--tls-certificate", "--tls-private-key",
                        "--tcp-token-file"), 0, 0, ApiCommands::set));
        c.add(new Command("api", "reset", "",
                "Removes the \"api\" section, live: the TCP listener stops, the socket gets the daemon's group back.",
                List.of(), List.of(), 0, 0, (s, a) -> s.change("DELETE", "/v1/config/api", null)));
    }

    private static int show(Session s, Args a) throws io.blockhouse.mgmt.client.ApiClient.UnreachableException {
        JsonNode n = s.fetch("/v1/config/api");
        if (n != null && !s.json) {
            s.out.println(n.isEmpty() ? "api: Unix socket only (no \"api\" section)" : n.toPrettyString());
        }
        return s.lastExit;
    }

    private static int set(Session s, Args a) throws Args.UsageException,
            io.blockhouse.mgmt.client.ApiClient.UnreachableException {
        ObjectNode section = Session.JSON.createObjectNode();
        if (a.value("--group") != null) {
            section.put("group", a.value("--group"));
        }
        long given = TCP_OPTIONS.stream().filter(o -> a.value(o) != null).count();
        if (given > 0 && given < TCP_OPTIONS.size()) {
            throw new Args.UsageException("the TCP listener needs all of " + String.join(", ", TCP_OPTIONS));
        }
        if (given > 0) {
            ObjectNode tcp = section.putObject("tcp");
            tcp.put("listen", a.value("--tcp-listen"));
            tcp.put("certificate", a.value("--tls-certificate"));
            tcp.put("privateKey", a.value("--tls-private-key"));
            tcp.put("tokenFile", a.value("--tcp-token-file"));
        }
        return s.change("PUT", "/v1/config/api", section);
    }
}
