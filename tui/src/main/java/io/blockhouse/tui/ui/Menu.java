package io.blockhouse.tui.ui;

import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.gui2.dialogs.ActionListDialog;
import com.googlecode.lanterna.gui2.dialogs.ActionListDialogBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A menu: a list of entries shown again after each chosen entry has run, until Escape or Cancel. Typing an entry's
 * first letter moves to it; Enter runs it.
 */
public final class Menu {

    /** One entry. */
    public record Entry(String label, Runnable action) {
    }

    private final String title;
    private final String description;
    private final Consumer<List<Entry>> entries;

    /** {@code entries} fills the list each time the menu is shown, so it can list what exists now. */
    public Menu(String title, String description, Consumer<List<Entry>> entries) {
        this.title = title;
        this.description = description;
        this.entries = entries;
    }

    public void show(WindowBasedTextGUI gui) {
        while (true) {
            List<Entry> list = new ArrayList<>();
            entries.accept(list);
            Runnable[] chosen = {null};
            ActionListDialogBuilder b = new ActionListDialogBuilder().setTitle(title).setDescription(description)
                    .setCanCancel(true);
            for (Entry e : list) {
                b.addAction(e.label(), () -> chosen[0] = e.action());
            }
            ActionListDialog dialog = b.build();
            dialog.setHints(Set.of(Window.Hint.CENTERED));
            dialog.setCloseWindowWithEscape(true);
            dialog.showDialog(gui);
            if (chosen[0] == null) {
                return;
            }
            chosen[0].run();
        }
    }
}
