package io.blockhouse.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {

    @Test
    void noArgumentsMeansEmbeddedDefault() throws Exception {
        DaemonOptions o = DaemonOptions.parse(new String[0]);
        assertNull(o.configFile());
        assertEquals(DaemonOptions.defaultDataDir(), o.dataDir());
        assertEquals(List.of(), o.listen());
    }

    @Test
    void parsesEveryOptionInBothSpellings() throws Exception {
        DaemonOptions o = DaemonOptions.parse(new String[] {"--config", "/etc/bh.json", "--data-dir=/srv/bh",
            "--listen", "127.0.0.1:3260", "--listen=[::1]:3261"});
        assertEquals(Path.of("/etc/bh.json"), o.configFile());
        assertEquals(Path.of("/srv/bh"), o.dataDir());
        assertEquals(List.of("127.0.0.1:3260", "[::1]:3261"), o.listen());
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        DaemonOptions.UsageException e = assertThrows(DaemonOptions.UsageException.class,
                () -> DaemonOptions.parse(new String[] {"--port", "3260"}));
        assertEquals("unknown option: --port", e.getMessage());
        e = assertThrows(DaemonOptions.UsageException.class, () -> DaemonOptions.parse(new String[] {"--config"}));
        assertEquals("--config needs a value", e.getMessage());
        e = assertThrows(DaemonOptions.UsageException.class,
                () -> DaemonOptions.parse(new String[] {"--listen", "--config", "x"}));
        assertEquals("--listen needs a value", e.getMessage());
    }

    @Test
    void helpIsRecognised() throws Exception {
        assertTrue(DaemonOptions.parse(new String[] {"--help"}).help());
    }
}
