package io.blockhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static List<String> problemsOf(String json) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(json, "test.json"));
        assertTrue(e.getMessage().startsWith("invalid configuration test.json"), e.getMessage());
        return e.problems();
    }

    private static void assertProblem(String json, String expectedStart) {
        List<String> problems = problemsOf(json);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expectedStart)),
                "expected a problem starting with <" + expectedStart + "> in " + problems);
    }

    @Test
    void embeddedDefaultHasOneTargetWithOneGibFileLun() {
        BlockhouseConfig c = ConfigLoader.defaultConfig();
        assertEquals(1, c.targets().size());
        assertEquals("iqn.2026-11.io.blockhouse:default", c.targets().get(0).name());
        assertEquals(1, c.devices().size());
        assertEquals("file", c.devices().get(0).backend());
        assertEquals(1L << 30, c.devices().get(0).size().bytes());
        assertEquals(List.of("0.0.0.0:3260"), c.listen());
        assertEquals(128, c.iscsi().toSettings().queueDepth());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        BlockhouseConfig c = ConfigLoader.defaultConfig();
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toJson(c), "round trip"));
    }

    @Test
    void loadsFromFileAndReportsMissingFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, ConfigLoader.toJson(ConfigLoader.defaultConfig()));
        assertEquals(ConfigLoader.defaultConfig(), ConfigLoader.load(f));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    @Test
    void physicalBlockSizeIsParsedAndDefaultsToTheLogicalOne() throws Exception {
        BlockhouseConfig c = ConfigLoader.parse("{\"devices\":[{\"name\":\"e\",\"backend\":\"ram\",\"size\":\"1M\","
                + "\"physicalBlockSize\":4096},{\"name\":\"f\",\"backend\":\"ram\",\"size\":\"1M\"}]}", "test");
        assertEquals(4096, c.devices().get(0).physicalBlockSizeOrDefault());
        assertEquals(512, c.devices().get(0).blockSizeOrDefault());
        assertEquals(512, c.devices().get(1).physicalBlockSizeOrDefault());
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toJson(c), "round trip"));
    }

    @Test
    void unknownFieldIsNamedWithItsPath() {
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\",\"size\":\"1M\",\"blocksize\":512}]}",
                "devices[0].blocksize: unknown field");
    }

    @Test
    void wrongTypeIsNamed() {
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\",\"size\":\"1M\",\"blockSize\":\"big\"}]}",
                "devices[0].blockSize: cannot use big as an integer");
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\",\"size\":\"lots\"}]}",
                "devices[0].size: not a size");
    }

    @Test
    void syntaxErrorGivesLine() {
        List<String> p = problemsOf("{\n \"listen\": [\"0.0.0.0:3260\",]\n}");
        assertTrue(p.get(0).contains("line 2"), p.toString());
    }

    @Test
    void deviceRules() {
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"tape\"}]}", "devices[0].backend: must be one of");
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"file\"}]}", "devices[0].path: required");
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\"}]}", "devices[0].size: required");
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\",\"size\":1000}]}",
                "devices[0].size: must be a multiple of 4096");
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\",\"size\":\"1M\",\"blockSize\":1024}]}",
                "devices[0].blockSize: must be 512 or 4096");
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\",\"size\":\"1M\",\"blockSize\":4096,"
                + "\"physicalBlockSize\":512}]}", "devices[0].physicalBlockSize: must be a power of two from blockSize");
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\",\"size\":\"1M\",\"physicalBlockSize\":6144}]}",
                "devices[0].physicalBlockSize: must be a power of two");
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\",\"size\":\"1M\"},"
                + "{\"name\":\"d\",\"backend\":\"null\",\"size\":\"1M\"}]}", "devices[1].name: duplicate");
        assertProblem("{\"devices\":[{\"name\":\"d\",\"backend\":\"block\",\"path\":\"/dev/sdb\",\"size\":\"1G\"}]}",
                "devices[0].size: a block device's size");
    }

    @Test
    void targetRules() {
        String dev = "\"devices\":[{\"name\":\"d\",\"backend\":\"ram\",\"size\":\"1M\"}]";
        assertProblem("{" + dev + ",\"targets\":[{\"name\":\"IQN.2026-11.X:Y\"}]}",
                "targets[0].name: must be lower case");
        assertProblem("{" + dev + ",\"targets\":[{\"name\":\"target1\"}]}", "targets[0].name: not an iqn.");
        assertProblem("{" + dev + ",\"targets\":[{\"name\":\"iqn.2026-11.x:y\",\"luns\":[{\"lun\":0,"
                + "\"device\":\"nope\"}]}]}", "targets[0].luns[0].device: no device named \"nope\"");
        assertProblem("{" + dev + ",\"targets\":[{\"name\":\"iqn.2026-11.x:y\",\"luns\":[{\"lun\":0,\"device\":\"d\"},"
                + "{\"lun\":0,\"device\":\"d\"}]}]}", "targets[0].luns[1].lun: LUN 0 is mapped twice");
        assertProblem("{" + dev + ",\"targets\":[{\"name\":\"iqn.2026-11.x:y\",\"portals\":[\"10.9.9.9:3261\"]}]}",
                "targets[0].portals[0]: 10.9.9.9:3261 is not among the listen addresses");
        assertProblem("{" + dev + ",\"targets\":[{\"name\":\"iqn.2026-11.x:y\",\"groups\":[{\"name\":\"g\","
                + "\"initiators\":[\"iqn.2026-11.a:b\"]},{\"name\":\"h\",\"initiators\":[\"iqn.2026-11.a:b\"]}]}]}",
                "targets[0].groups[1].initiators[0]: iqn.2026-11.a:b is already in group \"g\"");
    }

    @Test
    void chapRules() {
        String t = "{\"targets\":[{\"name\":\"iqn.2026-11.x:y\",\"chap\":";
        assertProblem(t + "{\"user\":\"u\",\"secret\":\"short\"}}]}", "targets[0].chap.secret: must be 12..255");
        assertProblem(t + "{\"user\":\"u\",\"secret\":\"abcdefghijkl\",\"mutualUser\":\"t\"}}]}",
                "targets[0].chap: mutualUser and mutualSecret go together");
        assertProblem(t + "{\"user\":\"u\",\"secret\":\"abcdefghijkl\",\"mutualUser\":\"t\","
                + "\"mutualSecret\":\"abcdefghijkl\"}}]}", "targets[0].chap.mutualSecret: must differ");
    }

    @Test
    void iscsiRangesAndListen() {
        assertProblem("{\"iscsi\":{\"maxRecvDataSegmentLength\":100}}",
                "iscsi.maxRecvDataSegmentLength: must be 512..16777215, got 100");
        assertProblem("{\"iscsi\":{\"firstBurstLength\":65536,\"maxBurstLength\":8192}}",
                "iscsi.firstBurstLength: must not exceed maxBurstLength");
        assertProblem("{\"listen\":[\"0.0.0.0:99999\"]}", "listen[0]: port must be 1..65535");
        assertProblem("{\"listen\":[\"storage.example.com:3260\"]}", "listen[0]: not a numeric IP address");
    }

    @Test
    void collectsEveryProblemAtOnce() {
        List<String> p = problemsOf("{\"devices\":[{\"name\":\"d\",\"backend\":\"ram\"},"
                + "{\"name\":\"e\",\"backend\":\"file\"}],\"listen\":[\"x\"]}");
        assertEquals(3, p.size(), p.toString());
    }
}
