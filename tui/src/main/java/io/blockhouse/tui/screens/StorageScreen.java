package io.blockhouse.tui.screens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.ProgressBar;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.BasicWindow;
import io.blockhouse.tui.Context;
import io.blockhouse.tui.api.ApiException;
import io.blockhouse.tui.api.DaemonUnreachableException;
import io.blockhouse.tui.api.Paths;
import io.blockhouse.tui.ui.Checks;
import io.blockhouse.tui.ui.Dialogs;
import io.blockhouse.tui.ui.Form;
import io.blockhouse.tui.ui.Menu;
import io.blockhouse.tui.ui.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Back-end storage: the host's disks, file systems for vdisk files (mkfs + mount under the vdisk root), vdisk files
 * (create with a progress bar, delete). All through the daemon's host API, which runs the real tools.
 */
public final class StorageScreen {

    private StorageScreen() {
    }

    public static Menu menu(Context ctx) {
        return new Menu("Back-end storage", "Disks, file systems and vdisk files", m -> {
            m.add(new Menu.Entry("Disks and block devices", () -> disks(ctx)));
            m.add(new Menu.Entry("Create a file system", () -> mkfs(ctx)));
            m.add(new Menu.Entry("File systems for vdisks", () -> filesystems(ctx)));
            m.add(new Menu.Entry("Vdisk file: create", () -> createVdisk(ctx)));
            m.add(new Menu.Entry("Vdisk file: delete", () -> deleteVdisk(ctx)));
            m.add(new Menu.Entry("Software RAID (mdadm)", () -> RaidScreen.menu(ctx).show(ctx.gui())));
            m.add(new Menu.Entry("LVM", () -> LvmScreen.menu(ctx).show(ctx.gui())));
        });
    }

    static void disks(Context ctx) {
        JsonNode list = ctx.read("Disks", api -> api.get("/v1/host/blockdevices"));
        if (list == null) {
            return;
        }
        StringBuilder b = new StringBuilder(Text.fit("device", 16) + Text.fit("type", 7) + Text.fit("size", 8)
                + Text.fit("fs", 7) + "mounted / model\n");
        for (JsonNode d : list) {
            b.append(Text.fit((d.hasNonNull("parent") ? " " : "") + d.path("path").asText(), 16))
                    .append(Text.fit(d.path("type").asText(), 7)).append(Text.fit(Text.size(d.path("size").asLong()), 8))
                    .append(Text.fit(d.path("fstype").asText("-"), 7))
                    .append(d.path("mountpoint").asText(d.path("model").asText(""))).append('\n');
        }
        Dialogs.info(ctx.gui(), "Disks and block devices", b.toString());
    }

    /** Whole block devices with nothing on them and not mounted: candidates for a new file system. */
    static List<String> freeDevices(Context ctx) {
        JsonNode list = ctx.read("Disks", api -> api.get("/v1/host/blockdevices"));
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (JsonNode d : list) {
                if (d.path("children").asInt() == 0 && !d.hasNonNull("mountpoint") && d.path("size").asLong() > 0
                        && !d.path("type").asText().equals("rom")) {
                    out.add(d.path("path").asText() + (d.hasNonNull("fstype") ? " (" + d.path("fstype").asText()
                            + ")" : "") + " " + Text.size(d.path("size").asLong()));
                }
            }
        }
        return out;
    }

    static void mkfs(Context ctx) {
        String picked = Dialogs.pick(ctx.gui(), "Create a file system", "Unused block devices (whole devices, not "
                + "mounted):", freeDevices(ctx));
        if (picked == null) {
            return;
        }
        String device = picked.substring(0, picked.indexOf(' '));
        boolean hasFs = picked.contains("(");
        new Form("File system on " + device).intro("The file system is made with the host's mkfs and mounted "
                        + "under the vdisk root as the name given.")
                .choice("type", "Type", List.of("xfs", "ext4", "btrfs"), "xfs")
                .text("name", "Name", null, Checks::name)
                .show(ctx.gui(), v -> {
                    if (!Dialogs.confirm(ctx.gui(), "Erase " + device, "Make a " + v.text("type") + " file system on "
                            + device + "? Everything on it is lost" + (hasFs ? " (it holds a file system now)" : "")
                            + ".")) {
                        return false;
                    }
                    ObjectNode b = Lists.object().put("device", device).put("type", v.text("type"))
                            .put("name", v.text("name")).put("force", hasFs);
                    JsonNode answer = ctx.read("Create a file system", api -> api.post("/v1/host/filesystems", b));
                    if (answer == null) {
                        return false;
                    }
                    ctx.refresh();
                    Dialogs.info(ctx.gui(), "File system created", v.text("type") + " on " + device
                            + " is mounted at " + answer.path("mountpoint").asText());
                    return true;
                });
    }

    static void filesystems(Context ctx) {
        JsonNode list = ctx.read("File systems", api -> api.get("/v1/host/filesystems"));
        if (list == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode f : list) {
            b.append(f.path("mountpoint").asText()).append("  ").append(f.path("type").asText()).append("  ")
                    .append(f.path("device").asText()).append("  ").append(Text.size(f.path("free").asLong()))
                    .append(" free of ").append(Text.size(f.path("size").asLong())).append('\n');
        }
        Dialogs.info(ctx.gui(), "File systems for vdisks", b.length() == 0
                ? "None mounted under the vdisk root yet: Create a file system first." : b.toString());
    }

    static void createVdisk(Context ctx) {
        JsonNode fs = ctx.read("File systems", api -> api.get("/v1/host/filesystems"));
        if (fs == null) {
            return;
        }
        List<String> mounts = new ArrayList<>();
        fs.forEach(f -> mounts.add(f.path("mountpoint").asText() + "  (" + Text.size(f.path("free").asLong())
                + " free)"));
        String picked = Dialogs.pick(ctx.gui(), "Vdisk file: create", "On which file system?", mounts);
        if (picked == null) {
            return;
        }
        String dir = picked.substring(0, picked.indexOf("  ("));
        new Form("Vdisk file in " + dir).intro("Thick files are written with zeros now (a progress bar shows "
                        + "it); sparse files take space as they are written.")
                .text("file", "File name", "disk1.img", Checks::name)
                .text("size", "Size", null, Checks::requiredSize)
                .flag("sparse", "Sparse", false)
                .show(ctx.gui(), v -> {
                    ObjectNode b = Lists.object().put("path", dir + "/" + v.text("file"))
                            .put("size", v.text("size").toUpperCase(Locale.ROOT)).put("sparse", v.flag("sparse"));
                    JsonNode job = ctx.read("Vdisk file: create", api -> api.post("/v1/host/vdisks", b));
                    if (job == null) {
                        return false;
                    }
                    String state = followJob(ctx, job.path("job").asLong(), "Creating " + v.text("file"));
                    if (!state.equals("done")) {
                        Dialogs.info(ctx.gui(), "Vdisk file: create", "Not created: " + state);
                        return false;
                    }
                    ctx.refresh();
                    Dialogs.info(ctx.gui(), "Vdisk file created", job.path("path").asText() + " ("
                            + v.text("size") + "). Add a file device on it under Devices.");
                    return true;
                });
    }

    /** Shows a job's progress until it ends; returns "done" or what went wrong. */
    static String followJob(Context ctx, long id, String title) {
        BasicWindow window = new BasicWindow(title);
        window.setHints(Set.of(Window.Hint.CENTERED, Window.Hint.MODAL));
        ProgressBar bar = new ProgressBar(0, 1000, 50);
        Label label = new Label("starting");
        Panel panel = new Panel(new LinearLayout());
        panel.addComponent(bar);
        panel.addComponent(label);
        window.setComponent(panel);
        String[] outcome = {"still running"};
        Thread poller = new Thread(() -> {
            while (true) {
                String state;
                JsonNode j;
                try {
                    j = ctx.api().get("/v1/host/jobs/" + id);
                    state = j.path("state").asText();
                } catch (ApiException | DaemonUnreachableException e) {
                    outcome[0] = e.getMessage();
                    ctx.gui().getGUIThread().invokeLater(window::close);
                    return;
                }
                long total = Math.max(1, j.path("total").asLong());
                long done = j.path("done").asLong();
                ctx.gui().getGUIThread().invokeLater(() -> {
                    bar.setValue((int) (done * 1000 / total));
                    label.setText(Text.size(done) + " of " + Text.size(total) + "  " + state);
                });
                if (state.equals("done") || state.equals("failed")) {
                    outcome[0] = state.equals("done") ? "done" : j.path("message").asText("failed");
                    ctx.gui().getGUIThread().invokeLater(window::close);
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "tui-job-" + id);
        poller.setDaemon(true);
        poller.start();
        ctx.gui().addWindowAndWait(window);
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return outcome[0];
    }

    static void deleteVdisk(Context ctx) {
        JsonNode list = ctx.read("Vdisk files", api -> api.get("/v1/host/vdisks"));
        if (list == null) {
            return;
        }
        List<String> files = new ArrayList<>();
        list.forEach(f -> files.add(f.path("path").asText() + "  " + Text.size(f.path("size").asLong())
                + (f.path("inUse").asBoolean() ? "  (in use)" : "")));
        String picked = Dialogs.pick(ctx.gui(), "Vdisk file: delete", "Which file?", files);
        if (picked == null) {
            return;
        }
        String path = picked.substring(0, picked.indexOf("  "));
        if (Dialogs.confirm(ctx.gui(), "Delete vdisk file", "Delete " + path + "? Its data is lost.")) {
            ctx.change("Delete " + path, false, api -> api.delete("/v1/host/vdisks?path=" + Paths.enc(path)));
        }
    }
}
