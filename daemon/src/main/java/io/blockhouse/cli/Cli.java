package io.blockhouse.cli;

import io.blockhouse.daemon.DaemonOptions;
import io.blockhouse.mgmt.client.ApiClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code blockhouse}: the administrator's command-line client of the daemon's management API. Exit codes: 0 done,
 * 1 refused by the daemon (validation, conflict, not found), 2 usage error, 3 daemon unreachable.
 */
public final class Cli {

    static final String GLOBAL_HELP = """
            usage: blockhouse [--data-dir DIR | --socket PATH | --url URL --token-file FILE [--ca-file FILE]]
                              [--json] COMMAND [ARGS]

            Manages a running blockhouse-daemon through its API socket (DIR/blockhouse.sock; DIR defaults to
            /var/lib/blockhouse as root, else ~/.local/share/blockhouse, or $BLOCKHOUSE_DATA_DIR), or a remote one
            through its TCP API (TLS and a token; the daemon's "api.tcp" configuration). Every change is validated,
            applied live and saved as a new configuration generation.

            global options:
              --data-dir DIR     the daemon's data directory
              --socket PATH      the API socket itself
              --url URL          https://HOST[:PORT] of a daemon's TCP API (port 8443 when absent);
                                 $BLOCKHOUSE_URL when not given
              --token-file FILE  file holding the API token, sent as "Authorization: Bearer"; $BLOCKHOUSE_TOKEN_FILE
              --ca-file FILE     PEM certificate(s) to trust for --url, e.g. the daemon's self-signed certificate
                                 (default: the system's trusted CAs); $BLOCKHOUSE_CA_FILE
              --json             print the API's JSON instead of tables (errors too, on standard output)
              --help, -h         this text; `blockhouse VERB --help` and `blockhouse VERB SUB --help` for details

            exit codes: 0 done, 1 refused by the daemon, 2 usage error, 3 daemon unreachable

            commands:
            """;

    private final List<Command> commands = Commands.all();
    private final PrintStream out;
    private final PrintStream err;

    Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err).run(List.of(args));
        System.out.flush();
        System.exit(code);
    }

    int run(List<String> argv) {
        List<String> words = new ArrayList<>();
        boolean json = false;
        boolean help = false;
        Path dataDir = null;
        Path socket = null;
        Remote remote = new Remote();
        try {
            for (int i = 0; i < argv.size(); i++) {
                String w = argv.get(i);
                if (w.equals("--")) {
                    words.addAll(argv.subList(i, argv.size()));
                    break;
                }
                switch (w) {
                    case "--json" -> json = true;
                    case "--help", "-h" -> help = true;
                    case "--data-dir" -> dataDir = Path.of(valueOf(argv, ++i, w));
                    case "--socket" -> socket = Path.of(valueOf(argv, ++i, w));
                    case Remote.URL, Remote.TOKEN_FILE, Remote.CA_FILE -> remote.set(w, valueOf(argv, ++i, w));
                    default -> {
                        if (w.startsWith("--data-dir=")) {
                            dataDir = Path.of(w.substring("--data-dir=".length()));
                        } else if (w.startsWith("--socket=")) {
                            socket = Path.of(w.substring("--socket=".length()));
                        } else if (Remote.isInline(w)) {
                            remote.set(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
                        } else {
                            words.add(w);
                        }
                    }
                }
            }
            if (!words.isEmpty() && words.get(0).equals("help")) {
                words.remove(0);
                help = true;
            }
            if (words.isEmpty()) {
                if (help) {
                    printGlobalHelp();
                    return Session.OK;
                }
                throw new Args.UsageException("no command given (blockhouse --help lists them)");
            }
            if (words.get(0).equals("completion")) {
                return completion(words);
            }
            Command command = find(words, help);
            if (command == null) {
                return Session.OK; // verb help printed
            }
            if (help) {
                printHelp(command);
                return Session.OK;
            }
            Args a = Args.parse(words.subList(2, words.size()), command.flags(), command.valued());
            int n = a.positional.size();
            if (n < command.minArgs() || (command.maxArgs() >= 0 && n > command.maxArgs())) {
                throw new Args.UsageException("wrong number of arguments; usage: " + command.usage());
            }
            return command.action().run(new Session(client(socket, dataDir, remote), out, err, json), a);
        } catch (Args.UsageException e) {
            err.println("blockhouse: " + e.getMessage());
            return Session.USAGE;
        } catch (ApiClient.SetupException e) {
            err.println("blockhouse: " + e.getMessage());
            return Session.USAGE;
        } catch (ApiClient.UnreachableException e) {
            err.println("blockhouse: " + e.getMessage());
            return Session.UNREACHABLE;
        }
    }

    /**
     * The local socket unless a URL is given; an explicit --socket or --data-dir wins over $BLOCKHOUSE_URL, but not
     * over --url (giving both is a usage error).
     */
    private static ApiClient client(Path socket, Path dataDir, Remote remote) throws Args.UsageException,
            ApiClient.SetupException {
        boolean local = socket != null || dataDir != null;
        if (local && remote.url != null) {
            throw new Args.UsageException("--url cannot be combined with --socket or --data-dir");
        }
        if (!local) {
            remote.fillFromEnvironment(System::getenv);
            if (remote.url != null) {
                return ApiClient.https(remote.url, remote.tokenFile, remote.caFile);
            }
        }
        if (remote.url == null && (remote.tokenFile != null || remote.caFile != null) && remote.explicit) {
            throw new Args.UsageException("--token-file and --ca-file are for --url");
        }
        return ApiClient.unixSocket(socket != null ? socket : (dataDir != null ? dataDir : defaultDataDir())
                .resolve("blockhouse.sock"));
    }

    private static Path defaultDataDir() {
        String env = System.getenv("BLOCKHOUSE_DATA_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : DaemonOptions.defaultDataDir();
    }

    private static String valueOf(List<String> argv, int i, String option) throws Args.UsageException {
        if (i >= argv.size()) {
            throw new Args.UsageException(option + " needs a value");
        }
        return argv.get(i);
    }

    /** The command named by the first two words; null after printing a verb's help. */
    private Command find(List<String> words, boolean help) throws Args.UsageException {
        String verb = words.get(0);
        List<Command> ofVerb = commands.stream().filter(c -> c.verb().equals(verb)).toList();
        if (ofVerb.isEmpty()) {
            throw new Args.UsageException("unknown command \"" + verb + "\" (blockhouse --help lists them)");
        }
        if (words.size() < 2) {
            if (help) {
                ofVerb.forEach(c -> out.println("  " + c.usage()));
                return null;
            }
            throw new Args.UsageException(verb + " needs a subcommand: " + String.join(", ",
                    ofVerb.stream().map(Command::sub).toList()));
        }
        String sub = words.get(1);
        return ofVerb.stream().filter(c -> c.sub().equals(sub)).findFirst().orElseThrow(() ->
                new Args.UsageException("unknown subcommand \"" + verb + " " + sub + "\" (choose from "
                        + String.join(", ", ofVerb.stream().map(Command::sub).toList()) + ")"));
    }

    private void printGlobalHelp() {
        out.print(GLOBAL_HELP);
        for (Command c : commands) {
            out.println("  " + c.usage());
        }
        out.println("  blockhouse completion bash");
    }

    private void printHelp(Command c) {
        out.println("usage: " + c.usage());
        out.println();
        StringBuilder line = new StringBuilder("  ");
        for (String word : c.description().strip().split("\\s+")) {
            if (line.length() + word.length() > 100) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder("  ");
            }
            line.append(word).append(' ');
        }
        out.println(line.toString().stripTrailing());
        out.println();
        out.println("  --json prints the API's JSON answer; exit codes: 0 done, 1 refused, 2 usage, 3 unreachable");
    }

    private int completion(List<String> words) throws Args.UsageException {
        if (words.size() != 2 || !words.get(1).equals("bash")) {
            throw new Args.UsageException("usage: blockhouse completion bash");
        }
        out.print(bashCompletion());
        return Session.OK;
    }

    /** A bash completion script: verbs, subcommands, and each command's options. */
    String bashCompletion() {
        Set<String> verbs = new LinkedHashSet<>();
        commands.forEach(c -> verbs.add(c.verb()));
        verbs.add("completion");
        StringBuilder sb = new StringBuilder();
        sb.append("# bash completion for blockhouse; load with: source <(blockhouse completion bash)\n");
        sb.append("_blockhouse() {\n");
        sb.append("    local cur=${COMP_WORDS[COMP_CWORD]} verb= sub= i w\n");
        sb.append("    for ((i = 1; i < COMP_CWORD; i++)); do\n");
        sb.append("        w=${COMP_WORDS[i]}\n");
        sb.append("        case $w in --data-dir|--socket|--url|--token-file|--ca-file) ((i++)); continue;; -*) continue;; esac\n");
        sb.append("        if [[ -z $verb ]]; then verb=$w; elif [[ -z $sub ]]; then sub=$w; fi\n");
        sb.append("    done\n");
        sb.append("    local words\n");
        sb.append("    case \"$verb/$sub\" in\n");
        sb.append("        /) words=\"").append(String.join(" ", verbs))
                .append(" --data-dir --socket --url --token-file --ca-file --json --help\";;\n");
        for (String verb : verbs) {
            if (verb.equals("completion")) {
                sb.append("        completion/) words=\"bash\";;\n");
                continue;
            }
            sb.append("        ").append(verb).append("/) words=\"").append(String.join(" ", commands.stream()
                    .filter(c -> c.verb().equals(verb)).map(Command::sub).toList())).append("\";;\n");
        }
        for (Command c : commands) {
            List<String> opts = new ArrayList<>(c.flags());
            opts.addAll(c.valued());
            opts.add("--json");
            opts.add("--help");
            sb.append("        ").append(c.verb()).append('/').append(c.sub()).append(") words=\"")
                    .append(String.join(" ", opts)).append("\";;\n");
        }
        sb.append("        *) words=\"\";;\n");
        sb.append("    esac\n");
        sb.append("    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n");
        sb.append("    [[ ${#COMPREPLY[@]} -eq 0 && -n $sub ]] && COMPREPLY=($(compgen -f -- \"$cur\"))\n");
        sb.append("    return 0\n");
        sb.append("}\n");
        sb.append("complete -F _blockhouse blockhouse\n");
        return sb.toString();
    }
}
