package io.blockhouse.it.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockhouse.it.DaemonProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built launcher {@code daemon/target/blockhouse} against one data directory, as an administrator would. */
final class BlockhouseCli {

    /** One invocation's outcome. */
    record Result(int exit, String out, String err) {
        Result ok() {
            if (exit != 0) {
                throw new AssertionError("blockhouse exited " + exit + ": " + err + out);
            }
            return this;
        }

        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    private final Path launcher;
    private final Path dataDir;

    BlockhouseCli(Path dataDir) {
        String jar = System.getProperty(DaemonProcess.JAR_PROPERTY);
        if (jar == null) {
            throw new IllegalStateException("run through failsafe: " + DaemonProcess.JAR_PROPERTY + " is not set");
        }
        this.launcher = Path.of(jar).resolveSibling("blockhouse");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing or not executable: run mvn package");
        }
        this.dataDir = dataDir;
    }

    /** Starts an invocation without waiting (its output is discarded). */
    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("blockhouse " + String.join(" ", args) + " hung");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    Result ok(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError("blockhouse " + String.join(" ", args) + " exited " + r.exit() + ": "
                    + r.err() + r.out());
        }
        return r;
    }

    /** The generation number a change printed ("generation N: summary"). */
    static long generationOf(Result r) {
        String line = r.out().strip();
        if (!line.startsWith("generation ")) {
            throw new AssertionError("not a change answer: " + line);
        }
        return Long.parseLong(line.substring("generation ".length(), line.indexOf(':')));
    }
}
