package io.blockhouse.tui;

import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import io.blockhouse.tui.api.ApiClient;
import io.blockhouse.tui.api.ApiException;
import io.blockhouse.tui.api.DaemonUnreachableException;
import io.blockhouse.tui.ui.Dialogs;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every screen needs: the GUI, the daemon's API, and a way to refresh the main screen after a change. The
 * {@code call} helpers turn every failure into a dialog, so an action never ends in a stack trace.
 */
public final class Context {

    /** One API call. */
    @FunctionalInterface
    public interface Call {
        JsonNode run(ApiClient api) throws ApiException, DaemonUnreachableException;
    }

    private final WindowBasedTextGUI gui;
    private final ApiClient api;
    private final Runnable refresh;

    public Context(WindowBasedTextGUI gui, ApiClient api, Runnable refresh) {
        this.gui = gui;
        this.api = api;
        this.refresh = refresh;
    }

    public WindowBasedTextGUI gui() {
        return gui;
    }

    public ApiClient api() {
        return api;
    }

    /** Runs a read; on failure shows it and returns null. */
    public JsonNode read(String what, Call call) {
        try {
            return call.run(api);
        } catch (ApiException | DaemonUnreachableException | RuntimeException e) {
            Dialogs.error(gui, what, e);
            return null;
        }
    }

    /**
     * Runs a change; on success shows what the daemon did (its generation summary) when {@code report} is true and
     * refreshes the main screen; on failure shows the daemon's refusal. Returns whether it succeeded.
     */
    public boolean change(String what, boolean report, Call call) {
        JsonNode answer;
        try {
            answer = call.run(api);
        } catch (ApiException | DaemonUnreachableException | RuntimeException e) {
            Dialogs.error(gui, what, e);
            return false;
        }
        refresh.run();
        if (report) {
            String text = answer != null && answer.has("generation")
                    ? "Done: configuration generation " + answer.path("generation").asLong() + " ("
                    + answer.path("summary").asText() + ")"
                    : "Done.";
            Dialogs.info(gui, what, text);
        }
        return true;
    }

    public void refresh() {
        refresh.run();
    }
}
