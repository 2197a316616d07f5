package io.blockhouse.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The positional arguments and options of one command, checked against what the command accepts. */
final class Args {

    /** The command line cannot be used; the message says why (exit code 2). */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new HashMap<>();

    /**
     * @param flags  options without a value ("--force")
     * @param valued options with a value ("--size 1G" or "--size=1G")
     */
    static Args parse(List<String> words, List<String> flags, List<String> valued) throws UsageException {
        Args a = new Args();
        boolean onlyPositional = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (onlyPositional || !w.startsWith("--") || w.equals("-")) {
                a.positional.add(w);
                continue;
            }
            if (w.equals("--")) {
                onlyPositional = true;
                continue;
            }
            String name = w;
            String value = null;
            int eq = w.indexOf('=');
            if (eq > 0) {
                name = w.substring(0, eq);
                value = w.substring(eq + 1);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= words.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = words.get(++i);
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return a;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String value(String name) {
        List<String> v = options.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    String arg(int i) {
        return positional.get(i);
    }
}
