package io.blockhouse.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import io.blockhouse.kernel.testing.ExternalRequirement;

/**
 * External tools the integration tests drive (libiscsi utilities, tgtd, qemu-img). A missing tool skips the test
 * (JUnit assumption) on a developer machine, but fails it where {@link ExternalRequirement} demands it (CI), so that
 * a broken CI image cannot silently skip coverage.
 */
public final class External {

    private External() {
    }

    /** The executable's path on $PATH (also /usr/sbin and /sbin, where tgtd lives), if any. */
    public static Optional<Path> find(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin"
                + File.pathSeparator + "/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Skips (or, where external requirements are demanded, fails) the calling test when {@code command} is missing. */
    public static Path requireCommand(String command) {
        Optional<Path> found = find(command);
        ExternalRequirement.require(found.isPresent(), "external command '" + command + "' is not installed");
        return found.orElseThrow();
    }
}
