package io.blockhouse.kernel.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs system tools (losetup, mkfs, mount) for test fixtures. */
public final class Commands {

    private Commands() {
    }

    /** Result of a finished command. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command}, merging stderr into the output; gives up after 60 s. */
    public static Result run(String... command) throws IOException {
        return run(Duration.ofSeconds(60), command);
    }

    /**
     * Runs {@code command}, merging stderr into the output; kills it and fails after {@code timeout}. Output goes
     * through a temporary file so a hung command cannot block the reader past the timeout.
     */
    public static Result run(Duration timeout, String... command) throws IOException {
        Path out = Files.createTempFile("command", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            process.getOutputStream().close();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IOException("timed out after " + timeout + ": " + String.join(" ", command) + "\n"
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", command), e);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).trim());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs {@code command} and returns its output, failing with the output when it exits non-zero. */
    public static String check(String... command) throws IOException {
        Result result = run(command);
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " exited " + result.exitCode() + ": "
                    + result.output());
        }
        return result.output();
    }

    /** True when {@code tool} is on the PATH (or in /sbin, /usr/sbin). */
    public static boolean onPath(String tool) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
