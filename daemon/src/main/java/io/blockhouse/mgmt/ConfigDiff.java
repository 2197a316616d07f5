package io.blockhouse.mgmt;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two configurations in their canonical JSON form, unified-diff style ("-" removed, "+" added, " "
 * context). Configurations are small (hundreds of lines), so a plain longest-common-subsequence table is enough.
 */
public final class ConfigDiff {

    private static final int CONTEXT = 2;

    private ConfigDiff() {
    }

    /** The differing lines with {@value #CONTEXT} lines of context; empty when the texts are equal. */
    public static List<String> lines(String from, String to) {
        String[] a = from.split("\n", -1);
        String[] b = to.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                all.add(" " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                all.add("-" + a[i++]);
            } else {
                all.add("+" + b[j++]);
            }
        }
        List<String> out = new ArrayList<>();
        int lastPrinted = -1;
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).charAt(0) == ' ') {
                continue;
            }
            int start = Math.max(k - CONTEXT, lastPrinted + 1);
            if (lastPrinted >= 0 && start > lastPrinted + 1) {
                out.add("@@");
            }
            for (int m = start; m <= k; m++) {
                out.add(all.get(m));
            }
            lastPrinted = k;
            for (int m = k + 1; m < all.size() && m <= k + CONTEXT && all.get(m).charAt(0) == ' '; m++) {
                out.add(all.get(m));
                lastPrinted = m;
            }
        }
        return out;
    }
}
