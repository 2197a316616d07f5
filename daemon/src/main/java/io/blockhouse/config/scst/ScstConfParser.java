package io.blockhouse.config.scst;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the text of an scst.conf (scst.conf(5)) into a tree of {@link ScstNode}s, without interpreting keywords.
 * <ul>
 *   <li>An unescaped {@code #} starts a comment that runs to the end of the line; {@code \} makes the next character
 *       literal (this is how scstadmin writes {@code #} and {@code \} inside values).</li>
 *   <li>Words are separated by blanks; a double-quoted part keeps its blanks.</li>
 *   <li>A line whose last word is {@code {} opens a section; a line holding only {@code }} closes one. Braces
 *       anywhere else are syntax errors: a misplaced brace would otherwise move entries into the wrong section.</li>
 * </ul>
 */
final class ScstConfParser {

    private final String source;

    ScstConfParser(String source) {
        this.source = source;
    }

    /** One word of a line; {@code brace} is an unquoted, unescaped '{' or '}'. */
    private record Token(String text, int column, boolean brace) {
    }

    /** A section being filled while its closing brace has not been seen. */
    private static final class Open {
        final String keyword;
        final List<String> values;
        final List<Integer> columns;
        final int line;
        final int column;
        final int braceColumn;
        final List<ScstNode> children = new ArrayList<>();

        Open(String keyword, List<String> values, List<Integer> columns, int line, int column, int braceColumn) {
            this.keyword = keyword;
            this.values = values;
            this.columns = columns;
            this.line = line;
            this.column = column;
            this.braceColumn = braceColumn;
        }

        ScstNode close() {
            return new ScstNode(keyword, values, columns, true, children, line, column);
        }
    }

    /** The top-level entries of the file. */
    List<ScstNode> parse(String text) throws ScstConfException {
        Open root = new Open("", List.of(), List.of(), 0, 0, 0);
        Deque<Open> stack = new ArrayDeque<>();
        stack.push(root);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            List<Token> tokens = tokenize(line, lineNo);
            if (tokens.isEmpty()) {
                continue;
            }
            handleLine(tokens, lineNo, stack);
        }
        if (stack.size() > 1) {
            Open unclosed = stack.peek();
            throw new ScstConfException(source, unclosed.line, unclosed.braceColumn,
                    "section " + describe(unclosed.keyword, unclosed.values) + " is never closed (missing '}')");
        }
        return root.children;
    }

    private void handleLine(List<Token> tokens, int lineNo, Deque<Open> stack) throws ScstConfException {
        for (int t = 0; t < tokens.size(); t++) {
            Token token = tokens.get(t);
            if (!token.brace()) {
                continue;
            }
            if (token.text().equals("}")) {
                if (tokens.size() != 1) {
                    throw error(lineNo, token.column(), "'}' must stand alone on its line");
                }
                if (stack.size() == 1) {
                    throw error(lineNo, token.column(), "'}' without an open section");
                }
                ScstNode closed = stack.pop().close();
                stack.peek().children.add(closed);
                return;
            }
            if (t == 0) {
                throw error(lineNo, token.column(), "'{' needs a keyword before it (e.g. DEVICE disk1 {)");
            }
            if (t != tokens.size() - 1) {
                throw error(lineNo, tokens.get(t + 1).column(), "nothing may follow '{' on its line");
            }
        }
        Token first = tokens.get(0);
        boolean opens = tokens.get(tokens.size() - 1).brace();
        int end = opens ? tokens.size() - 1 : tokens.size();
        List<String> values = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int t = 1; t < end; t++) {
            values.add(tokens.get(t).text());
            columns.add(tokens.get(t).column());
        }
        if (opens) {
            stack.push(new Open(first.text(), values, columns, lineNo, first.column(),
                    tokens.get(tokens.size() - 1).column()));
        } else {
            stack.peek().children.add(new ScstNode(first.text(), values, columns, false, List.of(), lineNo,
                    first.column()));
        }
    }

    private List<Token> tokenize(String line, int lineNo) throws ScstConfException {
        List<Token> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int wordColumn = -1;
        boolean quoted = false;
        int quoteColumn = 0;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int column = i + 1;
            if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw error(lineNo, column, "a backslash at the end of a line escapes nothing");
                }
                if (wordColumn < 0) {
                    wordColumn = column;
                }
                word.append(line.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '#') {
                if (wordColumn >= 0 && !quoted) {
                    // scst.conf(5): scstadmin also deletes the character just before the '#', so "a#b" means "" +
                    // (a minus its last letter). Importing anything else would silently differ from SCST.
                    throw error(lineNo, column, "'#' directly after a value: SCST would cut the value's last"
                            + " character; write \\# for a literal '#' or put a blank before the comment");
                }
                break;
            }
            if (c == '"') {
                if (wordColumn < 0) {
                    wordColumn = column;
                }
                quoted = !quoted;
                quoteColumn = column;
            } else if (quoted) {
                word.append(c);
            } else if (c == ' ' || c == '\t') {
                wordColumn = flush(tokens, word, wordColumn);
            } else if (c == '{' || c == '}') {
                wordColumn = flush(tokens, word, wordColumn);
                tokens.add(new Token(String.valueOf(c), column, true));
            } else if (Character.isISOControl(c)) {
                throw error(lineNo, column, "control character 0x" + Integer.toHexString(c) + " is not allowed");
            } else {
                if (wordColumn < 0) {
                    wordColumn = column;
                }
                word.append(c);
            }
            i++;
        }
        if (quoted) {
            throw error(lineNo, quoteColumn, "unterminated quoted value (a '#' inside a value must be written \\#)");
        }
        flush(tokens, word, wordColumn);
        return tokens;
    }

    /** Ends the current word, if any; returns the "no word under way" column marker. */
    private static int flush(List<Token> tokens, StringBuilder word, int wordColumn) {
        if (wordColumn >= 0) {
            tokens.add(new Token(word.toString(), wordColumn, false));
            word.setLength(0);
        }
        return -1;
    }

    private ScstConfException error(int line, int column, String reason) {
        return new ScstConfException(source, line, column, reason);
    }

    private static String describe(String keyword, List<String> values) {
        return values.isEmpty() ? keyword : keyword + " " + String.join(" ", values);
    }
}
