package io.blockhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the configuration loader ({@link ConfigLoader#parse}): any text is either a valid configuration or a
 * {@link ConfigException} naming at least one problem; nothing else escapes. A configuration it accepts must
 * survive {@link ConfigLoader#toJson} and parse back equal (what the daemon writes as a generation it can read).
 */
class ConfigParserFuzzTest {
    private static final int MAX_TEXT = 32 * 1024;

    @FuzzTest(maxDuration = "20s")
    void parse(byte[] input) {
        if (input.length > MAX_TEXT) {
            return;
        }
        String json = new String(input, StandardCharsets.UTF_8);
        BlockhouseConfig config;
        try {
            config = ConfigLoader.parse(json, "fuzz.json");
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty(), "a refusal names its problems");
            return;
        }
        String written = ConfigLoader.toJson(config);
        try {
            assertEquals(config, ConfigLoader.parse(written, "written.json"), "round trip");
        } catch (ConfigException e) {
            throw new AssertionError("an accepted configuration does not read back: " + e.getMessage(), e);
        }
    }
}
