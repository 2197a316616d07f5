package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host tools the image tests use, and the rule for when they are missing (skip, or fail in CI). */
final class Host {

    private Host() {
    }

    /** Output and exit status of a finished host command. */
    record Result(int exitCode, String output) {
    }

    /**
     * Skips the test when {@code present} is false, unless external requirements are mandatory
     * (BLOCKHOUSE_REQUIRE_EXTERNAL=true / -Dblockhouse.requireExternal=true): then it fails.
     */
    static void require(boolean present, String what) {
        boolean mandatory = "true".equalsIgnoreCase(System.getProperty("blockhouse.requireExternal"))
                || "true".equalsIgnoreCase(System.getenv("BLOCKHOUSE_REQUIRE_EXTERNAL"));
        if (mandatory && !present) {
            fail("required for this test but missing: " + what);
        }
        assumeTrue(present, "missing: " + what);
    }

    static boolean hasCommand(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", name)) || Files.isExecutable(Path.of("/sbin", name));
    }

    static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The built image, or a skipped/failed test when it was not built (mvn -Pimage package builds it). */
    static Path builtImage() {
        String property = System.getProperty("blockhouse.image", "target/blockhouse-usb.img");
        Path image = Path.of(property);
        require(Files.isRegularFile(image), "the appliance image " + image + " (mvn -Pimage package)");
        require(hasCommand("qemu-system-x86_64"), "qemu-system-x86_64 (package qemu-system-x86)");
        return image;
    }

    /** A private copy of the image the virtual machine may write to (sparse, so it is quick). */
    static Path copyOf(Path image, Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path copy = dir.resolve(name + ".img");
        Result r = run(List.of("cp", "--sparse=always", image.toString(), copy.toString()), 120);
        if (r.exitCode() != 0) {
            throw new IOException("cannot copy the image: " + r.output());
        }
        return copy;
    }
}
