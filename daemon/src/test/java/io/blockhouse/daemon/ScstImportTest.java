package io.blockhouse.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigException;
import org.junit.jupiter.api.Test;

class ScstImportTest {

    @Test
    void importsDevicesAndTargets() throws Exception {
        BlockhouseConfig c = new ScstImport().importText("""
                HANDLER vdisk_nullio {
                    DEVICE sink {
                        size_mb 64
                    }
                }
                TARGET_DRIVER iscsi {
                    enabled 1
                    TARGET iqn.2026-11.com.example:t1 {
                        enabled 1
                        LUN 0 sink
                    }
                }
                """, "test.conf");
        assertEquals("sink", c.devices().get(0).name());
        assertEquals(64L << 20, c.devices().get(0).size().bytes());
        assertEquals("iqn.2026-11.com.example:t1", c.targets().get(0).name());
        assertEquals("sink", c.targets().get(0).luns().get(0).device());
    }

    @Test
    void syntaxErrorsAreRefusedConfigurationsNamingTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ScstImport().importText("HANDLER vdisk_nullio {\n", "bad.conf"));
        assertTrue(e.getMessage().contains("bad.conf"), e.getMessage());
        assertEquals(1, e.problems().size());
    }
}
