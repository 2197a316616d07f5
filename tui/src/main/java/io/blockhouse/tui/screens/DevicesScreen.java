package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.api.ApiException;
import io.blockhouse.tui.api.Paths;
import io.blockhouse.tui.ui.Checks;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Form;
import io.blockhouse.tui.ui.Menu;
import java.util.List;

/** Devices: SCSI logical units and their back-ends. Add with every attribute, edit, resize, remove. */
public final class DevicesScreen {

    static final List<String> BACKENDS = List.of("file", "block", "null", "ram");

    private DevicesScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("Devices", "SCSI devices (LUN back-ends)", m -> {
            m.add(new Menu.Entry("Add device", () -> add(ctx)));
            m.add(new Menu.Entry("Edit device attributes", () -> edit(ctx)));
            m.add(new Menu.Entry("Resize device", () -> resize(ctx)));
            m.add(new Menu.Entry("Remove device", () -> remove(ctx)));
            m.add(new Menu.Entry("Show devices", () -> show(ctx)));
        });
    }

    private static Form form(String title, JsonNode d) {
        boolean editing = d != null;
        JsonNode v = editing ? d : Lists.object();
        Form f = new Form(title).intro("Path: a file (absolute, or in the data directory) or /dev/...; size: "
                + "for file (created sparse if missing), null and ram.");
        if (!editing) {
            f.text("name", "Name", null, Checks::name);
        }
        return f.choice("backend", "Back-end", BACKENDS, v.path("backend").asText("file"))
                .text("path", "Path", v.path("path").asText(""), null)
                .text("size", "Size", v.path("size").isMissingNode() || v.path("size").isNull() ? ""
                        : v.path("size").asText(), Checks::size)
                .choice("blockSize", "Block size", List.of("512", "4096"), v.path("blockSize").asText("512"))
                .flag("readOnly", "Read-only", v.path("readOnly").asBoolean(false))
                .flag("writeThrough", "Write-through", v.path("writeThrough").asBoolean(false))
                .flag("directIo", "Direct I/O", v.path("directIo").asBoolean(false))
                .flag("rotational", "Rotational", v.path("rotational").asBoolean(false))
                .text("serial", "Serial (opt.)", v.path("serial").asText(""), null)
                .text("naaId", "NAA id (opt.)", v.path("naaId").asText(""), s -> s.isEmpty()
                        || s.matches("[0-9a-fA-F]{32}") ? null : "32 hex digits");
    }

    /** The device JSON the API takes, from a form's values; only attributes that were set are sent. */
    static ObjectNode deviceJson(String name, Form.Values v) {
        ObjectNode d = Lists.object();
        d.put("name", name);
        d.put("backend", v.text("backend"));
        if (v.text("path") != null) {
            d.put("path", v.text("path"));
        }
        if (v.text("size") != null) {
            d.put("size", v.text("size").toUpperCase(java.util.Locale.ROOT));
        }
        d.put("blockSize", Integer.parseInt(v.text("blockSize")));
        for (String flag : List.of("readOnly", "writeThrough", "directIo", "rotational")) {
            if (v.flag(flag)) {
                d.put(flag, true);
            }
        }
        if (v.text("serial") != null) {
            d.put("serial", v.text("serial"));
        }
        if (v.text("naaId") != null) {
            d.put("naaId", v.text("naaId").toLowerCase(java.util.Locale.ROOT));
        }
        return d;
    }

    static void add(Context ctx) {
        form("Add device", null).show(ctx.gui(), v -> {
            if (problemFor(ctx, v)) {
                return false;
            }
            ObjectNode d = deviceJson(v.text("name"), v);
            return ctx.change("Add device " + v.text("name"), true, api -> api.post("/v1/devices", d));
        });
    }

    /** Back-end specific requirements the daemon would refuse anyway, said before the round trip. */
    private static boolean problemFor(Context ctx, Form.Values v) {
        String backend = v.text("backend");
        String problem = null;
        if ((backend.equals("file") || backend.equals("block")) && v.text("path") == null) {
            problem = "a " + backend + " device needs a path";
        } else if ((backend.equals("null") || backend.equals("ram")) && v.text("size") == null) {
            problem = "a " + backend + " device needs a size";
        }
        if (problem != null) {
            Dialogs.info(ctx.gui(), "Check the form", problem);
            return true;
        }
        return false;
    }

    static void edit(Context ctx) {
        String name = Lists.pickDevice(ctx, "Edit device attributes");
        if (name == null) {
            return;
        }
        JsonNode d = ctx.read("Device", api -> api.get("/v1/devices/" + Paths.enc(name)));
        if (d == null) {
            return;
        }
        form("Edit device " + name, d).show(ctx.gui(), v -> {
            if (problemFor(ctx, v)) {
                return false;
            }
            ObjectNode changed = deviceJson(name, v);
            return ctx.change("Edit device " + name, true, api -> {
                JsonNode current = api.get("/v1/config").path("config");
                ObjectNode config = current.deepCopy();
                ArrayNode devices = (ArrayNode) config.path("devices");
                for (int i = 0; i < devices.size(); i++) {
                    if (devices.get(i).path("name").asText().equals(name)) {
                        devices.set(i, changed);
                    }
                }
                return api.put("/v1/config?source=" + Paths.enc("tui: edit device " + name), config);
            });
        });
    }

    static void resize(Context ctx) {
        String name = Lists.pickDevice(ctx, "Resize device");
        if (name == null) {
            return;
        }
        new Form("Resize " + name).intro("New size; initiators see a capacity-changed unit attention.")
                .text("size", "New size", null, Checks::requiredSize)
                .show(ctx.gui(), v -> {
                    ObjectNode body = Lists.object().put("size", v.text("size").toUpperCase(java.util.Locale.ROOT));
                    return ctx.change("Resize " + name, true,
                            api -> api.post("/v1/devices/" + Paths.enc(name) + "/resize", body));
                });
    }

    static void remove(Context ctx) {
        String name = Lists.pickDevice(ctx, "Remove device");
        if (name == null || !Dialogs.confirm(ctx.gui(), "Remove device", "Remove device " + name
                + "? Its LUN mappings go with it. The back-end file or disk itself is kept.")) {
            return;
        }
        removeWithForce(ctx, "Remove device " + name, "/v1/devices/" + Paths.enc(name));
    }

    /** DELETE; when the daemon says live sessions use it, asks again and forces. */
    static void removeWithForce(Context ctx, String what, String path) {
        try {
            ctx.api().delete(path);
            ctx.refresh();
            Dialogs.info(ctx.gui(), what, "Done.");
        } catch (ApiException e) {
            if (e.status() == 409 && Dialogs.confirm(ctx.gui(), what, e.getMessage()
                    + "\n\nDo it anyway? Initiators using it lose access now.")) {
                ctx.change(what, true, api -> api.delete(path + (path.contains("?") ? "&" : "?") + "force=true"));
            } else if (e.status() != 409) {
                Dialogs.error(ctx.gui(), what, e);
            }
        } catch (io.blockhouse.tui.api.DaemonUnreachableException e) {
            Dialogs.error(ctx.gui(), what, e);
        }
    }

    static void show(Context ctx) {
        JsonNode devices = ctx.read("Devices", api -> api.get("/v1/devices"));
        if (devices == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode d : devices) {
            b.append(d.path("name").asText()).append(": ");
            d.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("name")) {
                    b.append(e.getKey()).append('=').append(e.getValue().asText()).append(' ');
                }
            });
            b.append('\n');
        }
        Dialogs.info(ctx.gui(), "Devices", b.length() == 0 ? "No devices." : b.toString());
    }
}
