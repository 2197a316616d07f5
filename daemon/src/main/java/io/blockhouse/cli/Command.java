package io.blockhouse.cli;

import io.blockhouse.mgmt.client.ApiClient;
import java.util.List;

/**
 * One CLI command ("device add"): its synopsis, help text, the options it accepts and what it does.
 *
 * @param synopsis    arguments after the verb, e.g. "NAME --backend KIND [--size SIZE]"
 * @param description what it does, a few lines for --help
 * @param flags       options without a value
 * @param valued      options taking a value
 * @param minArgs     fewest positional arguments
 * @param maxArgs     most positional arguments (-1: any)
 */
record Command(String verb, String sub, String synopsis, String description, List<String> flags,
               List<String> valued, int minArgs, int maxArgs, Action action) {

    /** Runs the command; returns the exit code. */
    @FunctionalInterface
    interface Action {
        int run(Session s, Args a) throws Args.UsageException, ApiClient.UnreachableException;
    }

    String name() {
        return sub == null ? verb : verb + " " + sub;
    }

    String usage() {
        return "blockhouse " + name() + (synopsis.isEmpty() ? "" : " " + synopsis);
    }
}
