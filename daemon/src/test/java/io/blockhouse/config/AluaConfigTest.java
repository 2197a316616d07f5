package io.blockhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alua section: parsing, the validator's field-named problems, and how portals become target ports. */
class AluaConfigTest {

    private static final String T1 = "iqn.2026-11.io.blockhouse:t1";
    private static final String T2 = "iqn.2026-11.io.blockhouse:t2";

    /** Two targets; t1 on two portals with tag 5, t2 on the listen addresses; then the given alua section. */
    private static String config(String alua) {
        return """
                {"listen": ["127.0.0.1:3260", "127.0.0.1:3261"],
                 "devices": [{"name": "d0", "backend": "ram", "size": "1M"}],
                 "targets": [
                   {"name": "%s", "portalGroupTag": 5, "portals": ["127.0.0.1:3260", "127.0.0.1:3261"],
                    "luns": [{"lun": 0, "device": "d0"}]},
                   {"name": "%s", "luns": [{"lun": 0, "device": "d0"}]}],
                 "alua": %s}
                """.formatted(T1, T2, alua);
    }

    private static List<String> problemsOf(String alua) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(config(alua), "t"));
        return e.problems();
    }

    private static void assertProblem(String alua, String expectedStart) {
        List<String> problems = problemsOf(alua);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expectedStart)),
                "expected a problem starting with <" + expectedStart + "> in " + problems);
    }

    private static final String SPLIT = """
            {"explicit": true, "portGroups": [
              {"id": 1, "name": "a", "state": "active/optimized", "preferred": true,
               "ports": [{"target": "%s", "portals": ["127.0.0.1:3260"]}]},
              {"id": 2, "name": "b", "state": "standby",
               "ports": [{"target": "%s", "portals": ["127.0.0.1:3261"]}, {"target": "%s"}]}]}
            """.formatted(T1, T1, T2);

    @Test
    void splitPortalsParseRoundTripAndFormTwoTargetPorts() throws Exception {
        BlockhouseConfig c = ConfigLoader.parse(config(SPLIT), "t");
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toJson(c), "round trip"));
        assertTrue(c.aluaOrDefault().explicitOrDefault());
        List<InetSocketAddress> listen = List.of(new InetSocketAddress("127.0.0.1", 3260),
                new InetSocketAddress("127.0.0.1", 3261));
        List<TargetPortLayout.Port> t1 = TargetPortLayout.portsOf(c.targets().get(0), listen, c.alua());
        assertEquals(List.of(
                new TargetPortLayout.Port(6, List.of(new InetSocketAddress("127.0.0.1", 3260)), 1),
                new TargetPortLayout.Port(7, List.of(new InetSocketAddress("127.0.0.1", 3261)), 2)), t1);
        List<TargetPortLayout.Port> t2 = TargetPortLayout.portsOf(c.targets().get(1), listen, c.alua());
        assertEquals(List.of(new TargetPortLayout.Port(1, listen, 2)), t2); // the whole target, its own tag
    }

    @Test
    void portalsNoGroupNamesStayInTheDefaultPort() throws Exception {
        BlockhouseConfig c = ConfigLoader.parse(config("""
                {"portGroups": [{"id": 3, "name": "b", "state": "standby",
                  "ports": [{"target": "%s", "portals": ["127.0.0.1:3261"]}]}]}""".formatted(T1)), "t");
        List<TargetPortLayout.Port> ports = TargetPortLayout.portsOf(c.targets().get(0), List.of(), c.alua());
        assertEquals(List.of(
                new TargetPortLayout.Port(5, List.of(new InetSocketAddress("127.0.0.1", 3260)), 0),
                new TargetPortLayout.Port(8, List.of(new InetSocketAddress("127.0.0.1", 3261)), 3)), ports);
    }

    @Test
    void withoutAluaEveryTargetIsOnePortInTheDefaultGroup() throws Exception {
        BlockhouseConfig c = ConfigLoader.parse(config("null"), "t");
        assertEquals(AluaConfig.NONE, c.aluaOrDefault());
        assertEquals(1, TargetPortLayout.portsOf(c.targets().get(0), List.of(), c.aluaOrDefault()).size());
    }

    @Test
    void groupIdsAreUniqueAndInRange() {
        assertProblem("""
                {"portGroups": [{"id": 1, "name": "a", "state": "standby"},
                                {"id": 1, "name": "b", "state": "standby"}]}""",
                "alua.portGroups[1].id: duplicate port group id 1");
        assertProblem("{\"portGroups\": [{\"id\": 0, \"name\": \"a\", \"state\": \"standby\"}]}",
                "alua.portGroups[0].id: required, 1..65535");
        assertProblem("{\"portGroups\": [{\"name\": \"a\", \"state\": \"standby\"}]}",
                "alua.portGroups[0].id: required");
    }

    @Test
    void namesAreUniqueAndStatesValid() {
        assertProblem("""
                {"portGroups": [{"id": 1, "name": "a", "state": "standby"},
                                {"id": 2, "name": "a", "state": "standby"}]}""",
                "alua.portGroups[1].name: duplicate port group name \"a\"");
        assertProblem("{\"portGroups\": [{\"id\": 1, \"name\": \"a\", \"state\": \"offline\"}]}",
                "alua.portGroups[0].state: must be one of active/optimized, active/non-optimized, standby, "
                        + "unavailable, transitioning (got offline)");
    }

    @Test
    void membersNameExistingTargetsAndTheirPortals() {
        assertProblem("""
                {"portGroups": [{"id": 1, "name": "a", "state": "standby",
                  "ports": [{"target": "iqn.2026-11.io.blockhouse:nope"}]}]}""",
                "alua.portGroups[0].ports[0].target: no target named \"iqn.2026-11.io.blockhouse:nope\"");
        assertProblem("""
                {"portGroups": [{"id": 1, "name": "a", "state": "standby",
                  "ports": [{"target": "%s", "portals": ["127.0.0.1:3999"]}]}]}""".formatted(T1),
                "alua.portGroups[0].ports[0].portals[0]: 127.0.0.1:3999 is not one of " + T1 + "'s portals");
    }

    @Test
    void aTargetPortBelongsToAtMostOneGroup() {
        assertProblem("""
                {"portGroups": [
                  {"id": 1, "name": "a", "state": "standby", "ports": [{"target": "%s", "portals": ["127.0.0.1:3260"]}]},
                  {"id": 2, "name": "b", "state": "standby", "ports": [{"target": "%s", "portals": ["127.0.0.1:3260"]}]}]}
                """.formatted(T1, T1),
                "alua.portGroups[1].ports[0].portals[0]: 127.0.0.1:3260 of " + T1 + " is already in group \"a\"");
        assertProblem("""
                {"portGroups": [
                  {"id": 1, "name": "a", "state": "standby", "ports": [{"target": "%s"}]},
                  {"id": 2, "name": "b", "state": "standby", "ports": [{"target": "%s", "portals": ["127.0.0.1:3261"]}]}]}
                """.formatted(T1, T1),
                "alua.portGroups[1].ports[0].portals[0]: " + T1 + " is in group \"a\" as a whole");
        assertProblem("""
                {"portGroups": [
                  {"id": 1, "name": "a", "state": "standby", "ports": [{"target": "%s"}, {"target": "%s"}]}]}
                """.formatted(T2, T2),
                "alua.portGroups[0].ports[1].target: " + T2 + " is already listed in this group");
    }

    @Test
    void splitTagMustFitSixteenBits() {
        String json = config("""
                {"portGroups": [{"id": 65535, "name": "a", "state": "standby",
                  "ports": [{"target": "%s", "portals": ["127.0.0.1:3261"]}]}]}""".formatted(T1));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(json, "t"));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("alua.portGroups[0].ports[0].portals: the "
                + "target port's portal group tag (target tag 5 + group id 65535) exceeds 65535")), e.problems()
                .toString());
    }

    @Test
    void unknownFieldInAPortGroupIsNamed() {
        assertProblem("{\"portGroups\": [{\"id\": 1, \"name\": \"a\", \"state\": \"standby\", \"pref\": true}]}",
                "alua.portGroups[0].pref: unknown field");
    }
}
