package io.blockhouse.tui.screens;

import io.blockhouse.tui.Context;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Menu;
import io.blockhouse.tui.ui.Themes;
import java.util.function.Consumer;

/** Interface: help, colour theme, about, quit. */
public final class InterfaceScreen {

    private InterfaceScreen() {
    }

    public static Menu menu(Context ctx, Consumer<String> applyTheme, Runnable quit) {
        return new Menu("Interface", "The console itself", m -> {
            m.add(new Menu.Entry("Help", () -> Dialogs.info(ctx.gui(), "Help", Help.MAIN)));
            m.add(new Menu.Entry("Colour theme", () -> {
                String name = Dialogs.pick(ctx.gui(), "Colour theme", "Pick a theme:", Themes.NAMES);
                if (name != null) {
                    applyTheme.accept(name);
                }
            }));
            m.add(new Menu.Entry("About", () -> Dialogs.info(ctx.gui(), "About Blockhouse", Help.ABOUT
                    + "\nManagement socket: " + ctx.api().target())));
            m.add(new Menu.Entry("Quit the console", quit));
        });
    }
}
