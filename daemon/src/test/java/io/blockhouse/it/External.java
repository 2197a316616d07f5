package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the integration tests drive (libiscsi utilities, tgtd, qemu-img). A missing tool skips the test
 * (JUnit assumption) on a developer machine, but fails it when {@code -Dblockhouse.requireExternal=true} (CI), so that
 * a broken CI image cannot silently skip coverage.
 */
public final class External {

    /** System property that turns missing tools into failures. */
    public static final String REQUIRE_PROPERTY = "blockhouse.requireExternal";

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

    /** Skips (or, with {@value #REQUIRE_PROPERTY}=true, fails) the calling test when {@code command} is missing. */
    public static Path requireCommand(String command) {
        Optional<Path> found = find(command);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "external command '" + command + "' is not installed";
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            fail(message + " and " + REQUIRE_PROPERTY + "=true");
        }
        Assumptions.abort(message + "; skipping (set " + REQUIRE_PROPERTY + "=true to fail instead)");
        throw new AssertionError("unreachable");
    }
}
