package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Form;
import io.blockhouse.tui.ui.Menu;
import io.blockhouse.tui.ui.MultiPick;
import io.blockhouse.tui.ui.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Back-end storage / Software RAID: arrays made by the daemon with mdadm on whole unused disks; stop, remove. The
 * daemon refuses disks that are mounted, hold something or are configured as SCSI devices.
 */
public final class RaidScreen {

    private RaidScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("Software RAID", "mdadm arrays of whole disks", m -> {
            m.add(new Menu.Entry("Arrays", () -> list(ctx)));
            m.add(new Menu.Entry("Create an array", () -> create(ctx)));
            m.add(new Menu.Entry("Stop an array", () -> stop(ctx)));
            m.add(new Menu.Entry("Disk: add to an array (spare or rebuild)", () -> member(ctx, "add")));
            m.add(new Menu.Entry("Fail a member (mark faulty)", () -> member(ctx, "fail")));
            m.add(new Menu.Entry("Member: take out of an array", () -> member(ctx, "remove")));
            m.add(new Menu.Entry("Remove an array (erase its superblocks)", () -> remove(ctx)));
        });
    }

    static void list(Context ctx) {
        JsonNode raid = ctx.read("Software RAID", api -> api.get("/v1/host/raid"));
        if (raid == null) {
            return;
        }
        if (!raid.path("available").asBoolean()) {
            Dialogs.info(ctx.gui(), "Software RAID", "This kernel has no software RAID (md) driver: /proc/mdstat "
                    + "is missing. Arrays cannot be made here.");
            return;
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode a : raid.path("arrays")) {
            List<String> members = new ArrayList<>();
            a.path("members").forEach(x -> members.add(x.asText()
                    + (a.path("faulty").toString().contains("\"" + x.asText() + "\"") ? "(F)"
                    : a.path("spares").toString().contains("\"" + x.asText() + "\"") ? "(S)" : "")));
            b.append(Text.fit(a.path("path").asText(), 11)).append(Text.fit(a.path("level").asText(), 7))
                    .append(Text.fit(a.path("state").asText(), 9)).append(Text.fit(Text.size(a.path("size")
                            .asLong()), 7)).append(String.join(" ", members))
                    .append(a.path("sync").asText().isEmpty() ? "" : "  " + a.path("sync").asText()).append('\n');
        }
        Dialogs.info(ctx.gui(), "Software RAID arrays", b.length() == 0 ? "No arrays." : b.toString());
    }

    private static List<String> arrays(Context ctx) {
        JsonNode raid = ctx.read("Software RAID", api -> api.get("/v1/host/raid"));
        List<String> out = new ArrayList<>();
        if (raid != null) {
            raid.path("arrays").forEach(a -> out.add(a.path("name").asText() + "  " + a.path("level").asText()
                    + " " + a.path("state").asText()));
        }
        return out;
    }

    static void create(Context ctx) {
        new Form("Create a RAID array").intro("Pick the level and name here, the disks next. Every disk is "
                        + "erased.")
                .choice("level", "RAID level", List.of("1", "5", "6", "10", "0", "4"), "1")
                .text("name", "Name (md0..md127)", "md0", RaidScreen::mdName)
                .show(ctx.gui(), v -> {
                    String level = v.text("level");
                    List<String> picked = MultiPick.show(ctx.gui(), "RAID " + level + " members",
                            "Unused whole disks:", StorageScreen.freeDevices(ctx));
                    if (picked == null) {
                        return false;
                    }
                    List<String> disks = picked.stream().map(p -> p.substring(0, p.indexOf(' '))).toList();
                    if (!Dialogs.confirm(ctx.gui(), "Create /dev/" + v.text("name"), "Make a RAID " + level
                            + " array /dev/" + v.text("name") + " of " + String.join(", ", disks)
                            + "? Everything on these disks is lost.")) {
                        return false;
                    }
                    ObjectNode b = Lists.object().put("name", v.text("name")).put("level", level);
                    disks.forEach(b.putArray("devices")::add);
                    return ctx.change("Create a RAID array", true, api -> api.post("/v1/host/raid", b));
                });
    }

    static String mdName(String v) {
        if (v.isEmpty()) {
            return "required";
        }
        return v.matches("md(\\d|[1-9]\\d|1[01]\\d|12[0-7])") ? null : "md0 to md127";
    }

    static void stop(Context ctx) {
        String picked = Dialogs.pick(ctx.gui(), "Stop an array", "Which array?", arrays(ctx));
        if (picked == null) {
            return;
        }
        String name = picked.substring(0, picked.indexOf(' '));
        if (Dialogs.confirm(ctx.gui(), "Stop " + name, "Stop /dev/" + name + "? Its disks keep their RAID "
                + "superblocks, so it can be assembled again.")) {
            ctx.change("Stop " + name, true, api -> api.post("/v1/host/raid/" + name + "/stop", Lists.object()));
        }
    }

    /** add: an unused disk joins; fail / remove: a member is marked faulty / taken out (and wiped). */
    static void member(Context ctx, String action) {
        JsonNode raid = ctx.read("Software RAID", api -> api.get("/v1/host/raid"));
        if (raid == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        raid.path("arrays").forEach(a -> names.add(a.path("name").asText()));
        String title = switch (action) {
            case "add" -> "Add a disk";
            case "fail" -> "Fail a member";
            default -> "Take a member out";
        };
        String name = Dialogs.pick(ctx.gui(), title, "Which array?", names);
        if (name == null) {
            return;
        }
        List<String> choices = new ArrayList<>();
        if (action.equals("add")) {
            choices.addAll(StorageScreen.freeDevices(ctx));
        } else {
            for (JsonNode a : raid.path("arrays")) {
                if (a.path("name").asText().equals(name)) {
                    a.path("members").forEach(m -> choices.add(m.asText() + " "
                            + (a.path("faulty").toString().contains("\"" + m.asText() + "\"") ? "(faulty)"
                            : a.path("spares").toString().contains("\"" + m.asText() + "\"") ? "(spare)" : "")));
                }
            }
        }
        String picked = Dialogs.pick(ctx.gui(), title, action.equals("add") ? "Unused whole disks:" : "Which member?",
                choices);
        if (picked == null) {
            return;
        }
        String device = picked.substring(0, picked.indexOf(' '));
        String question = switch (action) {
            case "add" -> "Add " + device + " to /dev/" + name + "? Everything on it is lost.";
            case "fail" -> "Mark " + device + " faulty in /dev/" + name + "? The array runs degraded.";
            default -> "Take " + device + " out of /dev/" + name + " and wipe its RAID superblock?";
        };
        if (Dialogs.confirm(ctx.gui(), title, question)) {
            ctx.change(title, true, api -> api.post("/v1/host/raid/" + name + "/" + action,
                    Lists.object().put("device", device)));
        }
    }

    static void remove(Context ctx) {
        String picked = Dialogs.pick(ctx.gui(), "Remove an array", "Which array?", arrays(ctx));
        if (picked == null) {
            return;
        }
        String name = picked.substring(0, picked.indexOf(' '));
        if (Dialogs.confirm(ctx.gui(), "Remove " + name, "Stop /dev/" + name + " and erase the RAID superblocks "
                + "of its disks? The array and its data are gone.")) {
            ctx.change("Remove " + name, true, api -> api.delete("/v1/host/raid/" + name));
        }
    }
}
