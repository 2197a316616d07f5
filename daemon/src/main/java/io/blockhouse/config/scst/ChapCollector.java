package io.blockhouse.config.scst;

import io.blockhouse.config.ChapConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the {@code IncomingUser} / {@code OutgoingUser} lines of one scope (driver, target or group) into a
 * Blockhouse {@link ChapConfig}. Blockhouse keeps one initiator account per scope, so further IncomingUser lines are
 * dropped with a warning; for OutgoingUser SCST itself keeps only the last one, and so does the import.
 */
final class ChapCollector {

    private final ImportContext context;
    private final String scope;
    private String[] incoming;
    private ScstNode incomingNode;
    private String[] outgoing;
    private ScstNode outgoingNode;

    ChapCollector(ImportContext context, String scope) {
        this.context = context;
        this.scope = scope;
    }

    /** Takes the attribute if it is IncomingUser or OutgoingUser; returns false otherwise. */
    boolean offer(ScstNode attr) throws ScstConfException {
        boolean in = attr.keyword().equalsIgnoreCase("IncomingUser");
        if (!in && !attr.keyword().equalsIgnoreCase("OutgoingUser")) {
            return false;
        }
        String[] account = userAndSecret(attr);
        if (in) {
            if (incoming != null) {
                context.warn(attr, "IncomingUser " + account[0] + " of " + scope + " dropped: Blockhouse accepts one"
                        + " CHAP user per target or group (kept " + incoming[0] + " from line "
                        + incomingNode.line() + ")");
                return true;
            }
            incoming = account;
            incomingNode = attr;
        } else {
            if (outgoing != null) {
                context.warn(outgoingNode, "OutgoingUser " + outgoing[0] + " of " + scope + " replaced by the one on"
                        + " line " + attr.line() + " (SCST keeps only the last)");
            }
            outgoing = account;
            outgoingNode = attr;
        }
        return true;
    }

    private String[] userAndSecret(ScstNode attr) throws ScstConfException {
        if (attr.section()) {
            throw context.error(attr, 0, attr.keyword() + " is an attribute, not a section");
        }
        List<String> words = new ArrayList<>();
        for (String value : attr.values()) {
            for (String word : value.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        if (words.size() != 2) {
            throw context.error(attr, 0, attr.keyword() + " needs a user name and a secret, e.g. "
                    + attr.keyword() + " \"joe 12charsecret\"");
        }
        return words.toArray(String[]::new);
    }

    /** The node JSON problems about this CHAP should point at. */
    ScstNode node() {
        return incomingNode != null ? incomingNode : outgoingNode;
    }

    /** The CHAP settings, or null when the scope has none. */
    ChapConfig build() throws ScstConfException {
        if (outgoing != null && incoming == null) {
            throw context.error(outgoingNode, 0, "OutgoingUser of " + scope + " without an IncomingUser: Blockhouse"
                    + " does mutual CHAP only together with initiator CHAP");
        }
        if (incoming == null) {
            return null;
        }
        return new ChapConfig(incoming[0], incoming[1], outgoing == null ? null : outgoing[0],
                outgoing == null ? null : outgoing[1]);
    }
}
