package io.blockhouse.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A tmux session of a given size running one command; keys go in with send-keys, the screen comes out of capture-pane. */
final class Tmux implements AutoCloseable {

    private final String name;

    Tmux(String name, int columns, int rows, String command) throws IOException, InterruptedException {
        this.name = name;
        run("tmux", "kill-session", "-t", name);
        if (run("tmux", "new-session", "-d", "-s", name, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                command) != 0) {
            throw new IOException("tmux cannot start " + command);
        }
    }

    static boolean available() {
        try {
            return run("tmux", "-V") == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** Sends tmux key names (Enter, Tab, Down, Escape, End...) one at a time, with a typist's pause. */
    Tmux keys(String... keys) throws IOException, InterruptedException {
        for (String k : keys) {
            run("tmux", "send-keys", "-t", name, k);
            Thread.sleep(120);
        }
        return this;
    }

    Tmux text(String literal) throws IOException, InterruptedException {
        run("tmux", "send-keys", "-t", name, "-l", literal);
        Thread.sleep(150);
        return this;
    }

    String screen() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", name).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    Tmux await(String expected) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String s;
        while (!(s = screen()).contains(expected)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("tmux screen never showed \"" + expected + "\":\n" + s);
            }
            Thread.sleep(200);
        }
        Thread.sleep(200);
        return this;
    }

    /**
     * Moves down a list dialog to the line containing {@code item} and picks it; the list is the lines below the one
     * showing {@code heading}, its first entry the first of them containing {@code firstPrefix}.
     */
    Tmux pickLine(String heading, String firstPrefix, String item) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(List.of(screen().split("\n")));
        int first = -1;
        int target = -1;
        int start = 0;
        while (start < lines.size() && !lines.get(start).contains(heading)) {
            start++;
        }
        for (int i = start; i < lines.size(); i++) {
            if (first < 0 && lines.get(i).contains(firstPrefix)) {
                first = i;
            }
            if (lines.get(i).contains(item)) {
                target = i;
            }
        }
        if (first < 0 || target < first) {
            throw new AssertionError("no \"" + item + "\" in the list:\n" + String.join("\n", lines));
        }
        for (int i = first; i < target; i++) {
            keys("Down");
        }
        return keys("Enter");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("tmux", "kill-session", "-t", name);
    }
}
