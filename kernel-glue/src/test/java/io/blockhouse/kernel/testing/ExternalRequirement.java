package io.blockhouse.kernel.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need something outside the JVM (root, loop devices, mkfs): skip when it is missing,
 * unless the build sets {@code -Dblockhouse.requireExternal=true} or the environment
 * {@code BLOCKHOUSE_REQUIRE_EXTERNAL=true} (CI does), in which case its absence fails. The
 * property, when set, takes precedence over the environment.
 */
public final class ExternalRequirement {

    /** System property that turns a missing external requirement into a failure. */
    public static final String PROPERTY = "blockhouse.requireExternal";

    /** Environment variable with the same effect ({@code .ci/run} exports it). */
    public static final String ENVIRONMENT = "BLOCKHOUSE_REQUIRE_EXTERNAL";

    private ExternalRequirement() {
    }

    /** True when the build demands that external requirements be present. */
    public static boolean required() {
        String property = System.getProperty(PROPERTY);
        return Boolean.parseBoolean(property != null ? property : System.getenv(ENVIRONMENT));
    }

    /**
     * Skips the test (or fails it when {@link #required()}) unless {@code available}.
     *
     * @param what a description of the requirement and why it is missing, for the report
     */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if (required()) {
            Assertions.fail("required external facility is missing (" + PROPERTY + "=true): " + what);
        }
        Assumptions.abort("skipped, external facility missing: " + what);
    }
}
