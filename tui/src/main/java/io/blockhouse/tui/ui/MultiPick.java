package io.blockhouse.tui.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.CheckBoxList;
import com.googlecode.lanterna.gui2.GridLayout;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import java.util.List;
import java.util.Set;

/**
 * Picks several of a list (RAID members, the disks of a volume group): Space ticks an item, Tab moves to OK. Returns
 * null when cancelled; an empty choice is refused in a dialog and the list stays open.
 */
public final class MultiPick {

    private MultiPick() {
    }

    public static List<String> show(WindowBasedTextGUI gui, String title, String description, List<String> items) {
        if (items.isEmpty()) {
            Dialogs.info(gui, title, "There is nothing to choose from: " + description);
            return null;
        }
        BasicWindow window = new BasicWindow(title);
        window.setHints(Set.of(Window.Hint.CENTERED, Window.Hint.MODAL));
        Panel panel = new Panel(new LinearLayout());
        panel.addComponent(new Label(Text.wrap(description + " (Space ticks, Tab to OK)", 60)));
        CheckBoxList<String> list = new CheckBoxList<>(new TerminalSize(60, Math.min(10, items.size())));
        items.forEach(list::addItem);
        panel.addComponent(list);
        List<String>[] picked = new List[] {null};
        Panel buttons = new Panel(new GridLayout(2));
        buttons.addComponent(new Button("OK", () -> {
            if (list.getCheckedItems().isEmpty()) {
                Dialogs.info(gui, title, "Tick at least one with Space.");
                list.takeFocus();
                return;
            }
            picked[0] = List.copyOf(list.getCheckedItems());
            window.close();
        }));
        buttons.addComponent(new Button("Cancel", window::close));
        panel.addComponent(buttons);
        window.setComponent(panel);
        window.setCloseWindowWithEscape(true);
        gui.addWindowAndWait(window);
        return picked[0];
    }
}
