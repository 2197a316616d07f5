package io.blockhouse.config;

import java.util.List;

/**
 * A configuration was refused. Each problem names the field by its JSON path (e.g. {@code devices[1].blockSize})
 * and the reason; nothing of a refused configuration is applied.
 */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super("invalid configuration " + source + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, "path: reason". */
    public List<String> problems() {
        return problems;
    }
}
