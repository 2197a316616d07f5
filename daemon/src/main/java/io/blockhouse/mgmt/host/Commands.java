package io.blockhouse.mgmt.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the host's own tools (lsblk, mkfs.*, mount) with a time limit, output captured, never through a shell. */
public final class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    /** What a finished command printed (stdout and stderr together). */
    public record Result(int exitCode, String output) {
    }

    private Commands() {
    }

    /** Runs {@code command}; a non-zero exit is a {@link HostException} quoting the tool's last words. */
    public static String run(long timeoutSeconds, List<String> command) throws HostException {
        Result r = exec(timeoutSeconds, command);
        if (r.exitCode() != 0) {
            String out = r.output().strip();
            if (out.length() > 800) {
                out = "..." + out.substring(out.length() - 800);
            }
            throw new HostException(500, "command_failed", command.get(0) + " failed (exit " + r.exitCode() + "): "
                    + out);
        }
        return r.output();
    }

    /**
     * Runs {@code command} and returns only what it printed on stdout (tools such as lvm print warnings on stderr
     * next to their JSON report); a non-zero exit is a {@link HostException} quoting stderr.
     */
    static String stdout(long timeoutSeconds, List<String> command) throws HostException {
        java.nio.file.Path err = null;
        try {
            err = java.nio.file.Files.createTempFile("blockhouse-cmd", ".err");
            Result r = exec(timeoutSeconds, command, err);
            if (r.exitCode() != 0) {
                String out = java.nio.file.Files.readString(err).strip();
                if (out.length() > 800) {
                    out = "..." + out.substring(out.length() - 800);
                }
                throw new HostException(500, "command_failed", command.get(0) + " failed (exit " + r.exitCode()
                        + "): " + out);
            }
            return r.output();
        } catch (IOException e) {
            throw new HostException(500, "command_failed", command.get(0) + ": " + e.getMessage());
        } finally {
            if (err != null) {
                try {
                    java.nio.file.Files.deleteIfExists(err);
                } catch (IOException e) {
                    log.debug("cannot delete {}: {}", err, e.toString());
                }
            }
        }
    }

    public static Result exec(long timeoutSeconds, List<String> command) throws HostException {
        return exec(timeoutSeconds, command, null);
    }

    /** As {@link #exec} without the log line: for read-only queries a screen repeats every few seconds. */
    public static Result execQuietly(long timeoutSeconds, List<String> command) throws HostException {
        return run(timeoutSeconds, command, null);
    }

    /** @param stderr where stderr goes, or null to merge it into the output */
    private static Result exec(long timeoutSeconds, List<String> command, java.nio.file.Path stderr)
            throws HostException {
        log.info("host action: {}", String.join(" ", command));
        return run(timeoutSeconds, command, stderr);
    }

    private static Result run(long timeoutSeconds, List<String> command, java.nio.file.Path stderr)
            throws HostException {
        Process p;
        try {
            ProcessBuilder b = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
            if (stderr == null) {
                b.redirectErrorStream(true);
            } else {
                b.redirectError(stderr.toFile());
            }
            p = b.start();
        } catch (IOException e) {
            throw new HostException(501, "tool_missing", command.get(0) + " cannot be run here: " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new HostException(500, "command_timeout", command.get(0) + " did not finish within "
                        + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            p.destroyForcibly();
            throw new HostException(500, "command_failed", command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HostException(500, "interrupted", command.get(0) + " was interrupted");
        }
    }
}
