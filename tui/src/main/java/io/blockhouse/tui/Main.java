package io.blockhouse.tui;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import io.blockhouse.tui.api.ApiClient;
import io.blockhouse.tui.ui.Themes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the console on the terminal it runs in (the VGA console, a serial line, an ssh or tmux session). The
 * terminal is put in raw mode by Lanterna's {@link UnixTerminal}; Ctrl-C is left to the console's own quit.
 * Logs go to a file ({@code blockhouse.tui.log}, default {@code <data-dir>/tui.log}), never to the screen.
 */
public final class Main {

    static final String USAGE = """
            usage: java -jar blockhouse-tui.jar [--data-dir DIR | --socket PATH | --url URL --token-file FILE
                                                [--ca-file FILE]] [--ascii] [--theme NAME]
              --data-dir DIR  the daemon's data directory; the API socket is DIR/blockhouse.sock
                              (default: /var/lib/blockhouse as root, else ~/.local/share/blockhouse)
              --socket PATH   the daemon's API socket itself
              --url URL       https://HOST[:PORT] of a daemon's TCP API (TLS and a token), instead of the socket
              --token-file F  the API token for --url
              --ca-file F     PEM certificate(s) to trust for --url (e.g. the daemon's self-signed one)
              --ascii         plain ASCII borders (automatic for TERM=vt100/vt220/dumb and non-UTF-8 locales)
              --theme NAME    colour theme: """ + String.join(", ", Themes.NAMES) + "\n"
            + "  --help          this text";

    private Main() {
    }

    /** The parsed command line. */
    record Options(Path socket, Path dataDir, boolean ascii, String theme, boolean help, String url, Path tokenFile,
                   Path caFile) {
        /** The client these options point at: the socket, or the TCP API when --url is given. */
        ApiClient client() throws io.blockhouse.mgmt.client.ApiClient.SetupException {
            return url == null ? new ApiClient(socket)
                    : new ApiClient(io.blockhouse.mgmt.client.ApiClient.https(url, tokenFile, caFile));
        }
    }

    public static void main(String[] args) {
        int code = run(args, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("blockhouse-tui: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o.help()) {
            err.println(USAGE);
            return 0;
        }
        ApiClient api;
        try {
            api = o.client();
        } catch (io.blockhouse.mgmt.client.ApiClient.SetupException e) {
            err.println("blockhouse-tui: " + e.getMessage());
            return 2;
        }
        if (System.getProperty("blockhouse.tui.log") == null) {
            System.setProperty("blockhouse.tui.log", o.dataDir().resolve("tui.log").toString());
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        boolean ascii = Themes.asciiWanted(o.ascii(), System.getenv("TERM"), locale());
        Charset charset = ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8;
        try (Terminal terminal = new UnixTerminal(System.in, System.out, charset,
                UnixLikeTerminal.CtrlCBehaviour.TRAP)) {
            TerminalScreen screen = new TerminalScreen(terminal);
            log.info("console starting on TERM={} ({}), API {}", System.getenv("TERM"),
                    ascii ? "ASCII" : "UTF-8", api.target());
            try (Console console = new Console(screen, api, ascii, o.theme())) {
                console.run();
            }
            log.info("console closed by the operator");
            return 0;
        } catch (IOException | RuntimeException e) {
            log.error("console failed", e);
            err.println("blockhouse-tui: " + e.getMessage());
            return 1;
        }
    }

    private static String locale() {
        for (String v : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String s = System.getenv(v);
            if (s != null && !s.isEmpty()) {
                return s;
            }
        }
        return "";
    }

    static Options parse(String[] args) {
        Path socket = null;
        Path dataDir = null;
        boolean ascii = false;
        boolean help = false;
        String theme = Themes.NAMES.get(0);
        String url = null;
        Path tokenFile = null;
        Path caFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value != null ? value : next(args, ++i, arg));
                case "--socket" -> socket = Path.of(value != null ? value : next(args, ++i, arg));
                case "--ascii" -> ascii = true;
                case "--theme" -> theme = value != null ? value : next(args, ++i, arg);
                case "--url" -> url = value != null ? value : next(args, ++i, arg);
                case "--token-file" -> tokenFile = Path.of(value != null ? value : next(args, ++i, arg));
                case "--ca-file" -> caFile = Path.of(value != null ? value : next(args, ++i, arg));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (!Themes.NAMES.contains(theme)) {
            throw new IllegalArgumentException("--theme: no theme named \"" + theme + "\"");
        }
        if (url != null && socket != null) {
            throw new IllegalArgumentException("--url cannot be combined with --socket");
        }
        if (url == null && (tokenFile != null || caFile != null)) {
            throw new IllegalArgumentException("--token-file and --ca-file are for --url");
        }
        if (dataDir == null) {
            dataDir = defaultDataDir();
        }
        if (socket == null) {
            socket = dataDir.resolve("blockhouse.sock");
        }
        return new Options(socket, dataDir, ascii, theme, help, url, tokenFile, caFile);
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** The daemon's default data directory (the same rule as the daemon's). */
    static Path defaultDataDir() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return root ? Path.of("/var/lib/blockhouse")
                : Path.of(System.getProperty("user.home"), ".local", "share", "blockhouse");
    }
}
