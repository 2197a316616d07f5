package io.blockhouse.cli;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The global options that point the CLI at a daemon's TCP API (--url, --token-file, --ca-file) and the environment
 * variables standing in for them ($BLOCKHOUSE_URL, $BLOCKHOUSE_TOKEN_FILE, $BLOCKHOUSE_CA_FILE).
 */
final class Remote {

    static final String URL = "--url";
    static final String TOKEN_FILE = "--token-file";
    static final String CA_FILE = "--ca-file";

    String url;
    Path tokenFile;
    Path caFile;
    /** Whether any of them came from the command line (the environment alone never makes a usage error). */
    boolean explicit;

    static boolean isInline(String word) {
        return word.startsWith(URL + "=") || word.startsWith(TOKEN_FILE + "=") || word.startsWith(CA_FILE + "=");
    }

    void set(String option, String value) throws Args.UsageException {
        if (value.isBlank()) {
            throw new Args.UsageException(option + " needs a value");
        }
        explicit = true;
        switch (option) {
            case URL -> url = value;
            case TOKEN_FILE -> tokenFile = Path.of(value);
            case CA_FILE -> caFile = Path.of(value);
            default -> throw new IllegalArgumentException(option);
        }
    }

    /** Fills what the command line left open from the environment ({@code env} is System::getenv outside tests). */
    void fillFromEnvironment(UnaryOperator<String> env) {
        if (url == null) {
            url = nonBlank(env.apply("BLOCKHOUSE_URL"));
        }
        if (tokenFile == null && nonBlank(env.apply("BLOCKHOUSE_TOKEN_FILE")) != null) {
            tokenFile = Path.of(env.apply("BLOCKHOUSE_TOKEN_FILE"));
        }
        if (caFile == null && nonBlank(env.apply("BLOCKHOUSE_CA_FILE")) != null) {
            caFile = Path.of(env.apply("BLOCKHOUSE_CA_FILE"));
        }
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
