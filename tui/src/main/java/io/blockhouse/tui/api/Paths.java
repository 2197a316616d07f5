package io.blockhouse.tui.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds API paths with each user-typed segment percent-encoded. */
public final class Paths {

    private Paths() {
    }

    /** One path segment or query value, encoded (spaces as %20, not '+'). */
    public static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** "?group=G" or "" when {@code group} is null. */
    public static String groupQuery(String group) {
        return group == null ? "" : "?group=" + enc(group);
    }
}
