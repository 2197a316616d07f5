package io.blockhouse.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import io.blockhouse.tui.api.ApiClient;
import io.blockhouse.tui.screens.AluaScreen;
import io.blockhouse.tui.screens.DevicesScreen;
import io.blockhouse.tui.screens.Help;
import io.blockhouse.tui.screens.HostsScreen;
import io.blockhouse.tui.screens.InterfaceScreen;
import io.blockhouse.tui.screens.LunsScreen;
import io.blockhouse.tui.screens.StorageScreen;
import io.blockhouse.tui.screens.SystemScreen;
import io.blockhouse.tui.screens.TargetsScreen;
import io.blockhouse.tui.status.StatusSnapshot;
import io.blockhouse.tui.status.StatusSource;
import io.blockhouse.tui.status.StatusView;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Menu;
import io.blockhouse.tui.ui.Themes;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console application: a full-screen main window with the live status (refreshed every 2 s by a background
 * poller, drawn on the GUI thread), a reconnecting notice while the daemon does not answer, and the menus. Runs on
 * any Lanterna {@link Screen}: the real terminal, or a virtual one in tests.
 */
public final class Console implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Console.class);
    /** Seconds between status refreshes. */
    public static final int REFRESH_SECONDS = 2;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Screen screen;
    private final ApiClient api;
    private final boolean ascii;
    private final MultiWindowTextGUI gui;
    private final BasicWindow main;
    private final Label header = new Label("");
    private final Label banner = new Label("");
    private final Label body = new Label("connecting to the daemon...");
    private final Label footer = new Label("m/F2 menu   h/F1 help   r refresh   q quit");
    private final StatusSource source;
    private final ScheduledExecutorService poller;
    private final AtomicBoolean quitting = new AtomicBoolean();
    private final Context ctx;
    private volatile StatusSnapshot last;
    private volatile int failures;

    public Console(Screen screen, ApiClient api, boolean ascii, String theme) {
        this.screen = screen;
        this.api = api;
        this.ascii = ascii;
        this.source = new StatusSource(api);
        this.gui = new MultiWindowTextGUI(screen, new DefaultWindowManager(), new EmptySpace(TextColor.ANSI.BLUE));
        gui.setTheme(Themes.get(theme, ascii));
        this.main = new BasicWindow("Blockhouse");
        main.setHints(Set.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
        Panel panel = new Panel(new LinearLayout());
        banner.setForegroundColor(TextColor.ANSI.WHITE);
        banner.setBackgroundColor(TextColor.ANSI.RED);
        panel.addComponent(header);
        panel.addComponent(banner);
        panel.addComponent(body.setLayoutData(LinearLayout.createLayoutData(LinearLayout.Alignment.Fill,
                LinearLayout.GrowPolicy.CanGrow)));
        panel.addComponent(footer);
        main.setComponent(panel);
        main.addWindowListener(new WindowListenerAdapter() {
            @Override
            public void onUnhandledInput(Window window, KeyStroke key, AtomicBoolean handled) {
                handled.set(onKey(key));
            }
        });
        this.ctx = new Context(gui, api, this::refreshSoon);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tui-status");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs until the operator quits. Each action's failure is shown and the console carries on. */
    public void run() throws IOException {
        screen.startScreen();
        poller.scheduleWithFixedDelay(this::poll, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
        gui.addWindow(main);
        while (!quitting.get()) {
            try {
                gui.waitForWindowToClose(main);
                quitting.set(true);
            } catch (RuntimeException e) {
                // An action ended in a bug: say so, keep the console alive.
                log.error("console action failed", e);
                Dialogs.error(gui, "Console", e);
            }
        }
        poller.shutdownNow();
        screen.stopScreen();
    }

    private boolean onKey(KeyStroke key) {
        KeyType type = key.getKeyType();
        Character c = type == KeyType.Character ? Character.toLowerCase(key.getCharacter()) : null;
        if (type == KeyType.F2 || type == KeyType.Enter || (c != null && c == 'm')) {
            mainMenu().show(gui);
        } else if (type == KeyType.F1 || (c != null && (c == 'h' || c == '?'))) {
            Dialogs.info(gui, "Help", Help.MAIN);
        } else if (c != null && c == 'r') {
            refreshSoon();
        } else if (c != null && c == 'q' || type == KeyType.Escape) {
            quit();
        } else {
            return false;
        }
        return true;
    }

    private void quit() {
        if (Dialogs.confirm(gui, "Quit", "Leave the console? The daemon keeps running.")) {
            main.close();
        }
    }

    Menu mainMenu() {
        return new Menu("Blockhouse", "Main menu", m -> {
            m.add(new Menu.Entry("System", () -> SystemScreen.menu(ctx).show(gui)));
            m.add(new Menu.Entry("Back-end storage", () -> StorageScreen.menu(ctx).show(gui)));
            m.add(new Menu.Entry("Devices", () -> DevicesScreen.menu(ctx).show(gui)));
            m.add(new Menu.Entry("Targets", () -> TargetsScreen.menu(ctx).show(gui)));
            m.add(new Menu.Entry("Hosts (initiator groups)", () -> HostsScreen.menu(ctx).show(gui)));
            m.add(new Menu.Entry("LUN mapping", () -> LunsScreen.menu(ctx).show(gui)));
            m.add(new Menu.Entry("ALUA groups", () -> AluaScreen.menu(ctx).show(gui)));
            m.add(new Menu.Entry("Interface", () -> InterfaceScreen.menu(ctx, this::applyTheme, this::quit)
                    .show(gui)));
        });
    }

    private void applyTheme(String name) {
        gui.setTheme(Themes.get(name, ascii));
    }

    private void refreshSoon() {
        poller.execute(this::poll);
    }

    /** On the poller thread: fetch, then hand the result to the GUI thread. */
    private void poll() {
        StatusSnapshot snapshot = null;
        String problem = null;
        try {
            snapshot = source.fetch();
        } catch (Exception e) {
            problem = e.getMessage();
        }
        StatusSnapshot s = snapshot;
        String p = problem;
        gui.getGUIThread().invokeLater(() -> show(s, p));
    }

    private void show(StatusSnapshot s, String problem) {
        var size = screen.getTerminalSize();
        String now = LocalTime.now().format(CLOCK);
        header.setText(fit("Blockhouse console   " + api.target(), size.getColumns() - 10) + "  " + now);
        int rows = Math.max(3, size.getRows() - 3);
        if (s == null) {
            failures++;
            banner.setText(fit(" Daemon not answering: reconnecting (attempt " + failures + ", every "
                    + REFRESH_SECONDS + " s). " + problem, size.getColumns()));
            if (last == null) {
                body.setText("Waiting for the daemon at " + api.target() + " ...");
            }
            return;
        }
        if (failures > 0) {
            log.info("daemon answers again after {} failed refreshes", failures);
        }
        failures = 0;
        last = s;
        banner.setText("");
        body.setText(StatusView.render(s, size.getColumns(), rows, ascii));
    }

    private static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width));
    }

    /** Closes every window from any thread, ending {@link #run()} (tests; a signal handler could use it too). */
    public void requestStop() {
        gui.getGUIThread().invokeLater(() -> {
            quitting.set(true);
            for (Window w : gui.getWindows()) {
                w.close();
            }
        });
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
