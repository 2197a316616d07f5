package io.blockhouse.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** End-of-class checks shared by the daemon ITs. */
public final class DaemonChecks {

    /** Where daemon logs are kept after a run (relative to the module, as failsafe runs there). */
    public static final Path LOG_DIR = Path.of("target", "it-logs");

    private DaemonChecks() {
    }

    /**
     * Stops the daemon (SIGTERM, exit code 0 expected), keeps a copy of its log as
     * {@code target/it-logs/<name>-daemon.log}, and asserts Netty reported no leak. A failed stop and a leak are
     * both reported: the leak check runs even when the stop failed.
     */
    public static void stopAndCheck(DaemonProcess daemon, String name) throws IOException, InterruptedException {
        AssertionError stopFailure = null;
        try {
            daemon.close();
        } catch (AssertionError e) {
            stopFailure = e;
        } finally {
            keepLog(daemon, name);
        }
        try {
            daemon.assertNoLeaks();
        } catch (AssertionError leak) {
            if (stopFailure != null) {
                leak.addSuppressed(stopFailure);
            }
            throw leak;
        }
        if (stopFailure != null) {
            throw stopFailure;
        }
    }

    private static void keepLog(DaemonProcess daemon, String name) {
        try {
            Files.createDirectories(LOG_DIR);
            if (Files.exists(daemon.log())) {
                Files.copy(daemon.log(), LOG_DIR.resolve(name + "-daemon.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // keeping the log is a convenience; the checks themselves do not depend on it
        }
    }
}
