package io.blockhouse.tui.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.CheckBox;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.GridLayout;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.ComboBox;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.gui2.BasicWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A modal form: labelled fields, each with its own check, and OK/Cancel. OK checks every field, shows the first
 * problem in a dialog and keeps the form open; when all are valid it hands the values to the submit action, which
 * talks to the daemon and returns whether the form may close (a refusal is shown and the operator can correct it).
 */
public final class Form {

    /** Checks one field's text; returns the problem or null. */
    @FunctionalInterface
    public interface Check {
        String problem(String value);
    }

    /** Carries out the form; returns true when done (the form closes). */
    @FunctionalInterface
    public interface Submit {
        boolean submit(Values values);
    }

    /** The entered values by field key; empty text fields read as null. */
    public static final class Values {
        private final Map<String, Object> map;

        Values(Map<String, Object> map) {
            this.map = map;
        }

        public String text(String key) {
            Object v = map.get(key);
            return v instanceof String s && !s.isBlank() ? s.trim() : null;
        }

        public boolean flag(String key) {
            return Boolean.TRUE.equals(map.get(key));
        }
    }

    /** One field: what it submits under {@code key}, and what is wrong with it now (null when nothing). */
    private record Field(String key, String label, Component component, Supplier<Object> value,
                         Supplier<String> problem) {
    }

    private final String title;
    private final List<Field> fields = new ArrayList<>();
    private String intro;

    public Form(String title) {
        this.title = title;
    }

    public Form intro(String text) {
        this.intro = text;
        return this;
    }

    /** A text field; {@code check} may be null. */
    public Form text(String key, String label, String initial, Check check) {
        return addText(key, label, initial, check, false);
    }

    /** A secret: typed characters are shown as '*'. */
    public Form secret(String key, String label, String initial, Check check) {
        return addText(key, label, initial, check, true);
    }

    private Form addText(String key, String label, String initial, Check check, boolean masked) {
        TextBox box = new TextBox(new TerminalSize(40, 1), initial == null ? "" : initial);
        if (masked) {
            box.setMask('*');
        }
        fields.add(new Field(key, label, box, box::getText,
                () -> check == null ? null : check.problem(box.getText().trim())));
        return this;
    }

    /** A yes/no field. */
    public Form flag(String key, String label, boolean initial) {
        CheckBox box = new CheckBox().setChecked(initial);
        fields.add(new Field(key, label, box, box::isChecked, () -> null));
        return this;
    }

    /** One of {@code choices}: Up/Down change it, Enter opens the list. */
    public Form choice(String key, String label, List<String> choices, String initial) {
        ComboBox<String> list = new ComboBox<>(choices);
        list.setReadOnly(true);
        list.setSelectedItem(initial != null && choices.contains(initial) ? initial : choices.get(0));
        fields.add(new Field(key, label, list, list::getSelectedItem,
                () -> list.getSelectedItem() == null ? "choose one" : null));
        return this;
    }

    /** Shows the form until it is submitted successfully (true) or cancelled (false). */
    public boolean show(WindowBasedTextGUI gui, Submit submit) {
        BasicWindow window = new BasicWindow(title);
        window.setHints(Set.of(Window.Hint.CENTERED, Window.Hint.MODAL));
        Panel panel = new Panel(new GridLayout(2));
        if (intro != null) {
            panel.addComponent(new Label(Text.wrap(intro, 60)).setLayoutData(GridLayout.createHorizontallyFilledLayoutData(2)));
        }
        for (Field f : fields) {
            panel.addComponent(new Label(f.label()));
            panel.addComponent(f.component());
        }
        boolean[] done = {false};
        Panel buttons = new Panel(new GridLayout(2));
        buttons.addComponent(new Button("OK", () -> {
            for (Field f : fields) {
                String problem = f.problem().get();
                if (problem != null) {
                    Dialogs.info(gui, title + ": check the form", f.label() + ": " + problem);
                    if (f.component() instanceof com.googlecode.lanterna.gui2.Interactable i) {
                        i.takeFocus();
                    }
                    return;
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Field f : fields) {
                values.put(f.key(), f.value().get());
            }
            boolean ok;
            try {
                ok = submit.submit(new Values(values));
            } catch (RuntimeException e) {
                Dialogs.error(gui, title, e);
                ok = false;
            }
            if (ok) {
                done[0] = true;
                window.close();
            }
        }));
        buttons.addComponent(new Button("Cancel", window::close));
        panel.addComponent(new Label(""));
        panel.addComponent(buttons);
        window.setComponent(panel);
        window.setCloseWindowWithEscape(true);
        gui.addWindowAndWait(window);
        return done[0];
    }
}
