package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.api.ApiClient;
import io.blockhouse.tui.ui.Dialogs;
import java.util.ArrayList;
import java.util.List;

/** Reads of the current state that the screens offer as choices. */
final class Lists {

    private Lists() {
    }

    static ObjectNode object() {
        return ApiClient.json().createObjectNode();
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.path("name").asText()));
        }
        return out;
    }

    static List<String> deviceNames(Context ctx) {
        return names(ctx.read("Devices", api -> api.get("/v1/devices")));
    }

    static List<String> targetNames(Context ctx) {
        return names(ctx.read("Targets", api -> api.get("/v1/targets")));
    }

    static String pickDevice(Context ctx, String title) {
        return Dialogs.pick(ctx.gui(), title, "Which device?", deviceNames(ctx));
    }

    static String pickTarget(Context ctx, String title) {
        return Dialogs.pick(ctx.gui(), title, "Which target?", targetNames(ctx));
    }

    static JsonNode target(Context ctx, String iqn) {
        return ctx.read("Target", api -> api.get("/v1/targets/" + io.blockhouse.tui.api.Paths.enc(iqn)));
    }

    /** Splits "a, b c" into its non-empty parts. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String p : text.split("[,\\s]+")) {
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
