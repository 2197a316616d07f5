package io.blockhouse.iscsi.session;

/** A non-immediate command waiting in the {@link CommandWindow} for its turn in CmdSN order. */
interface OrderedCommand {
    /** Runs the command: its CmdSN is now the next expected one. */
    void deliver();

    /** The connection is going away before delivery: release whatever the command holds. */
    void discard();
}
