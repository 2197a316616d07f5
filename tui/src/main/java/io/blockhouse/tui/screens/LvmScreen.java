package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.api.Paths;
import io.blockhouse.tui.ui.Checks;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Form;
import io.blockhouse.tui.ui.Menu;
import io.blockhouse.tui.ui.MultiPick;
import io.blockhouse.tui.ui.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Back-end storage / LVM: volume groups over whole disks (or RAID arrays), logical volumes in them (usable as
 * block devices for SCSI devices), and removal, all run by the daemon with lvm.
 */
public final class LvmScreen {

    private LvmScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("LVM", "Volume groups and logical volumes", m -> {
            m.add(new Menu.Entry("Overview", () -> overview(ctx)));
            m.add(new Menu.Entry("Create a volume group", () -> createVg(ctx)));
            m.add(new Menu.Entry("New logical volume", () -> createLv(ctx)));
            m.add(new Menu.Entry("Remove a logical volume", () -> removeLv(ctx)));
            m.add(new Menu.Entry("Delete a volume group", () -> removeVg(ctx)));
            m.add(new Menu.Entry("Physical volume: label a disk", () -> createPv(ctx)));
            m.add(new Menu.Entry("Physical volume: wipe the label", () -> removePv(ctx)));
        });
    }

    private static JsonNode lvm(Context ctx) {
        return ctx.read("LVM", api -> api.get("/v1/host/lvm"));
    }

    static void overview(Context ctx) {
        JsonNode l = lvm(ctx);
        if (l == null) {
            return;
        }
        StringBuilder b = new StringBuilder("Volume groups:\n");
        l.path("vgs").forEach(v -> b.append("  ").append(Text.fit(v.path("name").asText(), 16))
                .append(Text.size(v.path("free").asLong())).append(" free of ").append(Text.size(v.path("size")
                        .asLong())).append(", ").append(v.path("pv_count").asLong()).append(" PV, ")
                .append(v.path("lv_count").asLong()).append(" LV\n"));
        b.append("Logical volumes:\n");
        l.path("lvs").forEach(v -> b.append("  ").append(Text.fit(v.path("lv_path").asText(), 28))
                .append(Text.size(v.path("size").asLong())).append('\n'));
        b.append("Physical volumes:\n");
        l.path("pvs").forEach(v -> b.append("  ").append(Text.fit(v.path("name").asText(), 16))
                .append(Text.fit(v.path("vg_name").asText("").isEmpty() ? "(no group)" : v.path("vg_name").asText(),
                        16)).append(Text.size(v.path("size").asLong())).append('\n'));
        if (!l.path("activation").asBoolean()) {
            b.append("This kernel has no device-mapper: volumes exist in the LVM metadata only.\n");
        }
        Dialogs.info(ctx.gui(), "LVM", b.toString());
    }

    static void createVg(Context ctx) {
        JsonNode l = lvm(ctx);
        if (l == null) {
            return;
        }
        new Form("Create a volume group").intro("Name the group here, pick its disks next (unused disks and "
                        + "physical volumes outside any group).")
                .text("name", "Volume group", "vg0", LvmScreen::lvmName)
                .show(ctx.gui(), v -> {
                    List<String> choices = new ArrayList<>();
                    l.path("pvs").forEach(p -> {
                        if (p.path("vg_name").asText("").isEmpty()) {
                            choices.add(p.path("name").asText() + " (physical volume) " + Text.size(p.path("size")
                                    .asLong()));
                        }
                    });
                    for (String d : StorageScreen.freeDevices(ctx)) {
                        if (choices.stream().noneMatch(c -> c.startsWith(d.substring(0, d.indexOf(' ')) + " "))) {
                            choices.add(d);
                        }
                    }
                    List<String> picked = MultiPick.show(ctx.gui(), "Disks of " + v.text("name"),
                            "Disks for the volume group:", choices);
                    if (picked == null) {
                        return false;
                    }
                    List<String> disks = picked.stream().map(p -> p.substring(0, p.indexOf(' '))).toList();
                    if (!Dialogs.confirm(ctx.gui(), "Create " + v.text("name"), "Make volume group " + v.text("name")
                            + " of " + String.join(", ", disks) + "? What is on blank disks now is lost.")) {
                        return false;
                    }
                    ObjectNode b = Lists.object().put("name", v.text("name"));
                    disks.forEach(b.putArray("devices")::add);
                    return ctx.change("Create a volume group", true, api -> api.post("/v1/host/lvm/vgs", b));
                });
    }

    static void createLv(Context ctx) {
        JsonNode l = lvm(ctx);
        if (l == null) {
            return;
        }
        List<String> groups = new ArrayList<>();
        l.path("vgs").forEach(v -> groups.add(v.path("name").asText() + "  (" + Text.size(v.path("free").asLong())
                + " free)"));
        String picked = Dialogs.pick(ctx.gui(), "New logical volume", "In which volume group?", groups);
        if (picked == null) {
            return;
        }
        String vg = picked.substring(0, picked.indexOf("  ("));
        new Form("Logical volume in " + vg).intro("It appears as /dev/" + vg + "/<name>; add a block device on "
                        + "it under Devices.")
                .text("name", "Name", "lv0", LvmScreen::lvmName)
                .text("size", "Size", null, Checks::requiredSize)
                .show(ctx.gui(), v -> {
                    ObjectNode b = Lists.object().put("vg", vg).put("name", v.text("name"))
                            .put("size", v.text("size").toUpperCase(Locale.ROOT));
                    return ctx.change("New logical volume", true, api -> api.post("/v1/host/lvm/lvs", b));
                });
    }

    static void removeLv(Context ctx) {
        JsonNode l = lvm(ctx);
        if (l == null) {
            return;
        }
        List<String> lvs = new ArrayList<>();
        l.path("lvs").forEach(v -> lvs.add(v.path("vg_name").asText() + "/" + v.path("name").asText() + "  "
                + Text.size(v.path("size").asLong())));
        String picked = Dialogs.pick(ctx.gui(), "Remove a logical volume", "Which logical volume?", lvs);
        if (picked == null) {
            return;
        }
        String lv = picked.substring(0, picked.indexOf("  "));
        if (Dialogs.confirm(ctx.gui(), "Remove " + lv, "Remove logical volume " + lv + "? Its data is lost.")) {
            String[] parts = lv.split("/");
            ctx.change("Remove " + lv, true, api -> api.delete("/v1/host/lvm/lvs/" + Paths.enc(parts[0]) + "/"
                    + Paths.enc(parts[1])));
        }
    }

    static void removeVg(Context ctx) {
        JsonNode l = lvm(ctx);
        if (l == null) {
            return;
        }
        String vg = Dialogs.pick(ctx.gui(), "Delete a volume group", "Which volume group (it must hold no "
                + "logical volumes)?", Lists.names(l.path("vgs")));
        if (vg != null && Dialogs.confirm(ctx.gui(), "Delete " + vg, "Delete volume group " + vg
                + "? Its disks stay labelled as physical volumes.")) {
            ctx.change("Delete " + vg, true, api -> api.delete("/v1/host/lvm/vgs/" + Paths.enc(vg)));
        }
    }

    static void createPv(Context ctx) {
        String picked = Dialogs.pick(ctx.gui(), "Physical volume", "Unused whole disks:",
                StorageScreen.freeDevices(ctx));
        if (picked == null) {
            return;
        }
        String device = picked.substring(0, picked.indexOf(' '));
        if (Dialogs.confirm(ctx.gui(), "Label " + device, "Make " + device + " an LVM physical volume? What is on "
                + "it now is lost.")) {
            ctx.change("Physical volume " + device, true, api -> api.post("/v1/host/lvm/pvs",
                    Lists.object().put("device", device)));
        }
    }

    static void removePv(Context ctx) {
        JsonNode l = lvm(ctx);
        if (l == null) {
            return;
        }
        List<String> free = new ArrayList<>();
        l.path("pvs").forEach(p -> {
            if (p.path("vg_name").asText("").isEmpty()) {
                free.add(p.path("name").asText());
            }
        });
        String device = Dialogs.pick(ctx.gui(), "Wipe a physical volume label", "Physical volumes outside any "
                + "group:", free);
        if (device != null && Dialogs.confirm(ctx.gui(), "Wipe " + device, "Wipe the LVM label of " + device
                + "?")) {
            ctx.change("Wipe " + device, true, api -> api.delete("/v1/host/lvm/pvs?device=" + Paths.enc(device)));
        }
    }

    static String lvmName(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return v.matches("[A-Za-z0-9+_][A-Za-z0-9+_.-]{0,62}") ? null
                : "letters, digits and + _ . - (not starting with '-'), at most 63";
    }
}
