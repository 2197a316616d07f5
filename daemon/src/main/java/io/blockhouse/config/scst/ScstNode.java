package io.blockhouse.config.scst;

import java.util.List;

/**
 * One entry of scst.conf: an attribute line ({@code name value...}) or a section ({@code KEYWORD name... { ... }}).
 *
 * @param values       the words after the keyword, quotes and escapes removed
 * @param valueColumns the 1-based column where each value starts
 * @param section      whether the entry opened a {@code { }} block (its entries are {@code children})
 */
record ScstNode(String keyword, List<String> values, List<Integer> valueColumns, boolean section,
                       List<ScstNode> children, int line, int column) {

    public ScstNode {
        values = List.copyOf(values);
        valueColumns = List.copyOf(valueColumns);
        children = List.copyOf(children);
    }

    /** The first value, or null when there is none. */
    public String value() {
        return values.isEmpty() ? null : values.get(0);
    }

    /** Column of value {@code i}, or of the keyword when there is no such value. */
    public int columnOf(int i) {
        return i < valueColumns.size() ? valueColumns.get(i) : column;
    }

    /** The value words joined by one space, as they would read in a message. */
    public String joinedValues() {
        return String.join(" ", values);
    }
}
