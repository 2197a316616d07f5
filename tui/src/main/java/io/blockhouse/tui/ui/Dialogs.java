package io.blockhouse.tui.ui;

import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.gui2.dialogs.ListSelectDialogBuilder;
import com.googlecode.lanterna.gui2.dialogs.MessageDialogBuilder;
import com.googlecode.lanterna.gui2.dialogs.MessageDialogButton;
import io.blockhouse.tui.api.ApiException;
import io.blockhouse.tui.api.DaemonUnreachableException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The modal dialogs every screen uses: messages, errors, confirmations, pickers. */
public final class Dialogs {

    private static final Logger log = LoggerFactory.getLogger(Dialogs.class);

    private Dialogs() {
    }

    public static void info(WindowBasedTextGUI gui, String title, String text) {
        new MessageDialogBuilder().setTitle(title).setText(Text.wrap(text, 70)).addButton(MessageDialogButton.OK)
                .build().showDialog(gui);
    }

    /** Shows a failure as the daemon (or the TUI) worded it; never a stack trace. */
    public static void error(WindowBasedTextGUI gui, String title, Throwable failure) {
        String text;
        if (failure instanceof ApiException a) {
            text = "The daemon refused (" + a.code() + "):\n" + a.getMessage();
        } else if (failure instanceof DaemonUnreachableException) {
            text = "The daemon is not answering: " + failure.getMessage()
                    + "\n\nNothing was changed. The main screen shows when it is back.";
        } else {
            log.error("unexpected failure in {}", title, failure);
            text = "Unexpected error: " + failure + "\n(details in the TUI log)";
        }
        new MessageDialogBuilder().setTitle(title + ": failed").setText(Text.wrap(text, 70))
                .addButton(MessageDialogButton.OK).build().showDialog(gui);
    }

    /** Asks before a destructive action; the safe answer (No) has the focus. */
    public static boolean confirm(WindowBasedTextGUI gui, String title, String question) {
        MessageDialogButton answer = new MessageDialogBuilder().setTitle(title).setText(Text.wrap(question, 70))
                .addButton(MessageDialogButton.No).addButton(MessageDialogButton.Yes).build().showDialog(gui);
        return answer == MessageDialogButton.Yes;
    }

    /** Lets the operator pick one of {@code items}; null when cancelled or when there is nothing to pick. */
    public static <T> T pick(WindowBasedTextGUI gui, String title, String description, List<T> items) {
        if (items.isEmpty()) {
            info(gui, title, "There is nothing to choose from: " + description);
            return null;
        }
        ListSelectDialogBuilder<T> b = new ListSelectDialogBuilder<T>().setTitle(title).setDescription(description)
                .setCanCancel(true);
        items.forEach(b::addListItem);
        return b.build().showDialog(gui);
    }
}
