package io.blockhouse.it.realinit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verdicts of an {@code iscsi-test-cu -v} log, per test ("Suite.Test" -> passed / skipped / failed), by the same
 * rule as the project's cu-score tool: a test whose output says FAILED failed, SKIPPED was skipped, "passed"
 * passed, and a test with no verdict (the tool crashed or hung) counts as failed.
 */
final class CuScore {

    enum Verdict { PASSED, SKIPPED, FAILED }

    private static final Pattern SUITE_OR_TEST = Pattern.compile("^Suite: (\\S+)|^  Test: (\\S+) \\.\\.\\.",
            Pattern.MULTILINE);

    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();

    CuScore(String log) {
        Matcher m = SUITE_OR_TEST.matcher(log);
        String suite = "?";
        String test = null;
        int bodyStart = 0;
        while (m.find()) {
            if (test != null) {
                record(suite, test, log.substring(bodyStart, m.start()));
                test = null;
            }
            if (m.group(1) != null) {
                suite = m.group(1);
            } else {
                test = m.group(2);
                bodyStart = m.end();
            }
        }
        if (test != null) {
            int end = log.indexOf("\nRun Summary", bodyStart);
            record(suite, test, log.substring(bodyStart, end < 0 ? log.length() : end));
        }
    }

    private void record(String suite, String test, String body) {
        Verdict v = body.contains("FAILED") ? Verdict.FAILED
                : body.contains("SKIPPED") ? Verdict.SKIPPED
                : body.contains("passed") ? Verdict.PASSED : Verdict.FAILED;
        String name = suite + "." + test;
        for (int n = 2; verdicts.containsKey(name); n++) {
            name = suite + "." + test + "#" + n;
        }
        verdicts.put(name, v);
        bodies.put(name, body);
    }

    /** The log lines of one test, as iscsi-test-cu printed them. */
    String body(String name) {
        return bodies.getOrDefault(name, "");
    }

    /**
     * CUnit's own verdict: no assertion failed (CUnit then prints "passed" and no "file.c:line" failure list).
     * Differs from {@link #verdicts()} where a library helper logs "[FAILED]" for an error the test expects.
     */
    boolean cunitPassed(String name) {
        String body = body(name);
        return CUNIT_PASSED.matcher(body).find() && !CUNIT_FAILURE.matcher(body).find();
    }

    /**
     * CUnit writes its verdict at the start of a line of the test's output ("passed", or "FAILED" followed by the
     * numbered "file.c:line" list of failed assertions); the library's own "[FAILED]" lines are indented.
     */
    private static final Pattern CUNIT_PASSED = Pattern.compile("^passed", Pattern.MULTILINE);
    private static final Pattern CUNIT_FAILURE = Pattern.compile("^FAILED|^\\s+\\d+\\. \\S+\\.c:\\d+",
            Pattern.MULTILINE);

    Map<String, Verdict> verdicts() {
        return verdicts;
    }

    long count(Verdict v) {
        return verdicts.values().stream().filter(x -> x == v).count();
    }

    /** "Suite: passed/skipped/failed" lines, one per suite, in suite order, then the totals. */
    String table() {
        Map<String, long[]> bySuite = new TreeMap<>();
        verdicts.forEach((name, v) -> bySuite.computeIfAbsent(name.substring(0, name.indexOf('.')),
                k -> new long[3])[v.ordinal()]++);
        StringBuilder sb = new StringBuilder("| suite | passed | skipped | failed |\n|---|---|---|---|\n");
        bySuite.forEach((suite, c) -> sb.append("| ").append(suite).append(" | ").append(c[0]).append(" | ")
                .append(c[1]).append(" | ").append(c[2]).append(" |\n"));
        sb.append("| **total** | ").append(count(Verdict.PASSED)).append(" | ").append(count(Verdict.SKIPPED))
                .append(" | ").append(count(Verdict.FAILED)).append(" |\n");
        return sb.toString();
    }
}
