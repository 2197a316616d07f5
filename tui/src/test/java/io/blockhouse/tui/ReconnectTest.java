package io.blockhouse.tui;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing the daemon under the console shows a reconnecting notice; the console recovers when it returns. */
class ReconnectTest {

    @TempDir
    Path work;

    @Test
    void showsReconnectingWhileTheDaemonIsGoneAndRecovers() throws Exception {
        try (DaemonUnderTest daemon = DaemonUnderTest.start(work);
             VirtualConsole c = new VirtualConsole(daemon.socket())) {
            c.await("iqn.2026-11.io.blockhouse:default");
            daemon.kill();
            c.await("Daemon not answering: reconnecting");
            // An action while it is gone: a dialog, no crash.
            c.type("m").await("Main menu").type("d").enter().await("SCSI devices").type("s").enter()
                    .await("The daemon is not answering").enter().awaitGone("The daemon is not answering");
            c.escape().awaitGone("SCSI devices").escape().awaitGone("Main menu");
            daemon.launch();
            c.awaitGone("reconnecting").await("iqn.2026-11.io.blockhouse:default");
        }
    }
}
