package io.blockhouse.config.scst;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.ConfigLoader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the scst.conf importer ({@link ScstConfImporter#importConf}): any text either imports or fails with a
 * {@link ScstConfException} that points at a line; nothing else escapes. What it imports must be a configuration the
 * daemon itself accepts (it goes through {@link ConfigLoader#parse} when applied).
 */
class ScstConfFuzzTest {
    private static final int MAX_TEXT = 32 * 1024;

    @FuzzTest(maxDuration = "20s")
    void importConf(byte[] input) {
        if (input.length > MAX_TEXT) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        ImportResult result;
        try {
            result = ScstConfImporter.importConf(text, "fuzz-scst.conf");
        } catch (ScstConfException e) {
            assertTrue(e.line() >= 0, "error names a line");
            assertNotNull(e.reason());
            return;
        }
        try {
            ConfigLoader.parse(ConfigLoader.toJson(result.config()), "imported");
        } catch (ConfigException e) {
            throw new AssertionError("imported configuration is not valid: " + e.getMessage(), e);
        }
    }
}
