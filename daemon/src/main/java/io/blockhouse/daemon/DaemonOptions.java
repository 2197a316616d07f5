package io.blockhouse.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of the daemon.
 *
 * @param configFile the JSON configuration, or null for the embedded default
 * @param dataDir    where relative back-end paths, the instance identity and (later) config history live
 * @param listen     "host:port" addresses overriding the configuration's listen list; empty keeps it
 */
public record DaemonOptions(Path configFile, Path dataDir, List<String> listen, boolean help, int keepGenerations,
                            List<Path> allowedRoots) {

    /** Config generations kept by default. */
    public static final int DEFAULT_KEEP = 50;

    /** Where device files and block devices may live besides the data directory, unless --allow-root is given. */
    static final List<Path> DEFAULT_ROOTS = List.of(Path.of("/dev"), Path.of("/mnt"), Path.of("/srv"));

    /** The options of the embedded default: the data directory and nothing else. */
    public DaemonOptions(Path configFile, Path dataDir, List<String> listen, boolean help) {
        this(configFile, dataDir, listen, help, DEFAULT_KEEP, DEFAULT_ROOTS);
    }

    static final String USAGE = """
            usage: java -jar blockhouse-daemon.jar [--config FILE] [--data-dir DIR] [--listen HOST:PORT]...
              --config FILE       JSON configuration (default: the embedded one: one target, one 1 GiB file LUN)
              --data-dir DIR      data directory (default: /var/lib/blockhouse as root, else ~/.local/share/blockhouse)
              --listen HOST:PORT  iSCSI portal to listen on, repeatable (overrides the configuration's "listen")
              --keep-generations N  configuration generations kept in DIR/config (default 50, at least 2)
              --allow-root DIR    where the management API may place device files, repeatable (the data
                                  directory always; default also /dev, /mnt, /srv)
              --help              this text

            The configuration lives in DIR/config as numbered generations; --config only seeds generation 1 of an
            empty store. The management API listens on DIR/blockhouse.sock (see the blockhouse CLI), and on TCP
            with TLS and a token when the configuration's "api.tcp" section says so.""";

    /** Thrown for a command line the daemon cannot use; the message says why. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public static DaemonOptions parse(String[] args) throws UsageException {
        Path config = null;
        Path dataDir = null;
        List<String> listen = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        int keep = DEFAULT_KEEP;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> {
                    return new DaemonOptions(null, null, List.of(), true);
                }
                case "--config" -> config = Path.of(value != null ? value : next(args, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(value != null ? value : next(args, ++i, arg));
                case "--listen" -> listen.add(value != null ? value : next(args, ++i, arg));
                case "--allow-root" -> roots.add(Path.of(value != null ? value : next(args, ++i, arg)));
                case "--keep-generations" -> {
                    String n = value != null ? value : next(args, ++i, arg);
                    try {
                        keep = Integer.parseInt(n);
                    } catch (NumberFormatException e) {
                        keep = -1;
                    }
                    if (keep < 2) {
                        throw new UsageException("--keep-generations needs a number >= 2, got " + n);
                    }
                }
                default -> throw new UsageException("unknown option: " + args[i]);
            }
        }
        return new DaemonOptions(config, dataDir != null ? dataDir : defaultDataDir(), List.copyOf(listen), false,
                keep, roots.isEmpty() ? DEFAULT_ROOTS : List.copyOf(roots));
    }

    private static String next(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** The data directory used when --data-dir is not given (the CLI looks for the daemon's socket there too). */
    public static Path defaultDataDir() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/blockhouse");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "blockhouse");
    }
}
