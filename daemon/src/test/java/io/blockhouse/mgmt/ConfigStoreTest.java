package io.blockhouse.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    @TempDir
    Path dir;

    static BlockhouseConfig config(String deviceName) throws Exception {
        return ConfigLoader.parse("""
                {"devices": [{"name": "%s", "backend": "null", "size": "1G"}],
                 "targets": [{"name": "iqn.2026-11.io.blockhouse:t1", "luns": [{"lun": 0, "device": "%s"}]}]}
                """.formatted(deviceName, deviceName), "test");
    }

    @Test
    void emptyStoreHasNoGeneration() throws Exception {
        assertTrue(ConfigStore.open(dir, 5).latest().isEmpty());
    }

    @Test
    void appendedGenerationsAreNumberedAndReadBack() throws Exception {
        ConfigStore store = ConfigStore.open(dir, 5);
        store.append(config("a"), "first");
        ConfigGeneration second = store.append(config("b"), "second\nline");
        assertEquals(2, second.number());
        assertEquals("second line", second.summary());

        ConfigGeneration latest = ConfigStore.open(dir, 5).latest().orElseThrow();
        assertEquals(2, latest.number());
        assertEquals(ConfigLoader.toJson(config("b")), ConfigLoader.toJson(latest.config()));
        assertEquals(List.of(2L, 1L), store.history().stream().map(ConfigGeneration::number).toList());
    }

    @Test
    void corruptNewestGenerationFallsBackToThePreviousOne() throws Exception {
        ConfigStore store = ConfigStore.open(dir, 5);
        store.append(config("a"), "first");
        store.append(config("b"), "second");
        Files.writeString(dir.resolve("gen-000002.json"), "{\"generation\": 2, \"config\": {\"devices\": [");

        ConfigStore reopened = ConfigStore.open(dir, 5);
        ConfigGeneration latest = reopened.latest().orElseThrow();
        assertEquals(1, latest.number());
        assertTrue(Files.exists(dir.resolve("gen-000002.json.corrupt")));
        // Numbers never go back: the next change is 3, not a second "2".
        assertEquals(3, reopened.append(config("c"), "third").number());
    }

    @Test
    void generationThatFailsValidationIsNotLoaded() throws Exception {
        ConfigStore store = ConfigStore.open(dir, 5);
        store.append(config("a"), "first");
        Files.writeString(dir.resolve("gen-000002.json"), """
                {"generation": 2, "time": "2026-11-24T00:00:00Z", "summary": "bad",
                 "config": {"devices": [{"name": "x", "backend": "tape"}]}}""");
        assertEquals(1, ConfigStore.open(dir, 5).latest().orElseThrow().number());
    }

    @Test
    void strayTemporaryFileFromAnInterruptedWriteIsIgnoredAndRemoved() throws Exception {
        ConfigStore store = ConfigStore.open(dir, 5);
        store.append(config("a"), "first");
        Files.writeString(dir.resolve("gen-000002.json.tmp"), "{\"generation\": 2, \"conf");
        ConfigStore reopened = ConfigStore.open(dir, 5);
        assertEquals(1, reopened.latest().orElseThrow().number());
        assertFalse(Files.exists(dir.resolve("gen-000002.json.tmp")));
        assertEquals(2, reopened.append(config("b"), "second").number());
    }

    @Test
    void onlyTheNewestGenerationsAreKept() throws Exception {
        ConfigStore store = ConfigStore.open(dir, 3);
        for (int i = 0; i < 7; i++) {
            store.append(config("d" + i), "change " + i);
        }
        assertEquals(List.of(7L, 6L, 5L), store.history().stream().map(ConfigGeneration::number).toList());
        assertTrue(store.get(4).isEmpty());
        assertEquals("change 4", store.get(5).orElseThrow().summary());
    }
}
