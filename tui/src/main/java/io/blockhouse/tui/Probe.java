package io.blockhouse.tui;

import io.blockhouse.tui.api.ApiClient;
import io.blockhouse.tui.api.ApiException;
import io.blockhouse.tui.api.DaemonUnreachableException;
import java.nio.file.Path;

/**
 * Exit status 0 when a daemon answers on the API socket given as the only argument, 1 otherwise. Used by the
 * {@code blockhouse-console} launcher to decide whether to start a daemon.
 */
public final class Probe {

    private Probe() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.exit(2);
        }
        System.exit(answers(Path.of(args[0])) ? 0 : 1);
    }

    static boolean answers(Path socket) {
        try {
            new ApiClient(socket).get("/v1/config/history");
            return true;
        } catch (ApiException e) {
            return true;
        } catch (DaemonUnreachableException e) {
            return false;
        }
    }
}
