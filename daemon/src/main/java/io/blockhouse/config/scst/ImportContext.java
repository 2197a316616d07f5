package io.blockhouse.config.scst;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * State shared by the importers of one file: the warnings so far, where each produced JSON element came from (so a
 * validation problem can name its scst.conf line), and the value parsers SCST's own rules call for.
 */
final class ImportContext {

    private final String source;
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final Map<String, int[]> origins = new LinkedHashMap<>();

    ImportContext(String source) {
        this.source = source;
    }

    List<ImportWarning> warnings() {
        return warnings;
    }

    void warn(ScstNode node, String message) {
        warnings.add(new ImportWarning(node.line(), message));
    }

    /** An entry with no Blockhouse equivalent, dropped. */
    void dropped(ScstNode node, String where) {
        String what = node.section() ? "section " + node.keyword() : "attribute " + node.keyword();
        warn(node, what + (where.isEmpty() ? "" : " of " + where) + " has no Blockhouse equivalent; dropped");
    }

    ScstConfException error(ScstNode node, int valueIndex, String reason) {
        return new ScstConfException(source, node.line(), node.columnOf(valueIndex), reason);
    }

    ScstConfException error(int line, int column, String reason) {
        return new ScstConfException(source, line, column, reason);
    }

    /** Remembers that the JSON element at {@code jsonPath} was made from {@code node}. */
    void origin(String jsonPath, ScstNode node, int valueIndex) {
        origins.put(jsonPath, new int[] {node.line(), node.columnOf(valueIndex)});
    }

    /** The position of the closest recorded element at or above {@code jsonPath}, or null. */
    int[] originOf(String jsonPath) {
        String path = jsonPath;
        while (!path.isEmpty()) {
            int[] at = origins.get(path);
            if (at != null) {
                return at;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
        return null;
    }

    /**
     * Refuses a second occurrence of an attribute that takes one value: SCST would apply only one of them, and
     * guessing which would import a different device or target than the administrator runs today.
     */
    void once(Map<String, ScstNode> seen, ScstNode node) throws ScstConfException {
        ScstNode earlier = seen.putIfAbsent(node.keyword().toLowerCase(Locale.ROOT), node);
        if (earlier != null) {
            throw error(node, 0, node.keyword() + " is already set on line " + earlier.line());
        }
    }

    /** The single value of an attribute; anything else is an error. */
    String single(ScstNode node) throws ScstConfException {
        if (node.section()) {
            throw error(node, 0, node.keyword() + " is an attribute here, not a section");
        }
        if (node.values().size() != 1) {
            throw error(node, node.values().isEmpty() ? 0 : 1,
                    node.keyword() + " takes exactly one value, got " + node.values().size());
        }
        return node.value();
    }

    /** A number as SCST's kernel parser reads it: decimal, 0x hexadecimal, or 0-prefixed octal. */
    long number(ScstNode node) throws ScstConfException {
        String text = single(node).trim();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            if (text.length() > 1 && text.startsWith("0")) {
                return Long.parseLong(text.substring(1), 8);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(node, 0, node.keyword() + ": not a number: \"" + text + "\"");
        }
    }

    /** A 0/1 flag as vdisk attributes take it. */
    boolean flag(ScstNode node) throws ScstConfException {
        long value = number(node);
        if (value != 0 && value != 1) {
            throw error(node, 0, node.keyword() + " must be 0 or 1, got " + node.value());
        }
        return value == 1;
    }

    /** An int within bounds (iSCSI parameters and LUN numbers). */
    int bounded(ScstNode node, long min, long max) throws ScstConfException {
        long value = number(node);
        if (value < min || value > max) {
            throw error(node, 0, node.keyword() + " must be " + min + ".." + max + ", got " + node.value());
        }
        return (int) value;
    }

    /** An iSCSI boolean key value, Yes or No (RFC 7143 6.2). */
    boolean yesNo(ScstNode node) throws ScstConfException {
        String text = single(node).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw error(node, 0, node.keyword() + " must be Yes or No, got " + node.value());
        };
    }
}
