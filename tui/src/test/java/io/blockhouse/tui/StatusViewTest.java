package io.blockhouse.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockhouse.tui.status.StatusSnapshot;
import io.blockhouse.tui.status.StatusView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static StatusSnapshot snapshot(String config, String sessions) throws Exception {
        JsonNode c = JSON.readTree(config.replace('\'', '"'));
        return new StatusSnapshot(c, 7, "2026-11-24T02:00:00Z", "device add d1",
                JSON.readTree(sessions.replace('\'', '"')), null, null, java.util.List.of(), null, Instant.now());
    }

    @Test
    void showsSessionsUnderTheirTargetAndFitsTheTerminal() throws Exception {
        StatusSnapshot s = snapshot("{'devices':[{'name':'d1','backend':'file','path':'/mnt/vdisks/a/d1.img',"
                + "'size':'512M'}],'targets':[{'name':'iqn.2026-11.x:t1','luns':[{'lun':0,'device':'d1'}]}]}",
                "[{'initiator':'iqn.1994-05.com.redhat:h1','address':'127.0.0.1:40000','target':'iqn.2026-11.x:t1',"
                        + "'luns':[0]}]");
        String text = StatusView.render(s, 80, 21);
        assertTrue(text.contains("iqn.2026-11.x:t1"), text);
        assertTrue(text.contains("<- iqn.1994-05.com.redhat:h1"), text);
        assertTrue(text.contains("127.0.0.1:40000"), text);
        assertTrue(text.contains("512M"), text);
        assertTrue(text.contains("Config generation 7"), text);
        assertTrue(text.contains("Alerts: none"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 80, line);
        }
    }

    @Test
    void cutsToTheRowsThereAreAndKeepsAlerts() throws Exception {
        StringBuilder devices = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            devices.append(i == 0 ? "" : ",").append("{'name':'d").append(i).append("','backend':'null','size':'1G'}");
        }
        StatusSnapshot s = snapshot("{'devices':[" + devices + "],'targets':[]}", "[]");
        String text = StatusView.render(s, 80, 21);
        assertEquals(21, text.split("\n").length, text);
        assertTrue(text.contains("more lines"), text);
        assertTrue(text.contains("ALERTS (40)"), text);
    }

    @Test
    void theFlashLineSaysWhatTheBootFlashHolds() throws Exception {
        assertEquals("Flash sync: n/a (not on the appliance)",
                StatusView.flashLine(JSON.readTree("{\"available\": false, \"reason\": \"x\"}")));
        assertEquals("Flash sync: saved gen 4 2026-11-24 03:00:01, changes pending", StatusView.flashLine(JSON.readTree(
                "{\"available\": true, \"result\": \"ok\", \"generation\": 4, "
                        + "\"lastSuccess\": \"2026-11-24T03:00:01Z\", \"pending\": true}")));
        assertEquals("Flash sync: FAILED: cannot mount config partition", StatusView.flashLine(JSON.readTree(
                "{\"available\": true, \"result\": \"failed\", \"error\": \"cannot mount config partition\", "
                        + "\"pending\": false}")));
        assertEquals("Flash sync: unknown", StatusView.flashLine(null));
    }

    @Test
    void alertsTheApplianceRaisedComeFirstNewestFirst() throws Exception {
        JsonNode c = JSON.readTree("{\"devices\": [], \"targets\": []}");
        StatusSnapshot s = new StatusSnapshot(c, 3, "2026-11-24T02:00:00Z", "x", JSON.readTree("[]"), null, null,
                java.util.List.of("2026-11-24T01:00:00Z old", "2026-11-24T02:00:00Z configuration sync failed"),
                null, Instant.now());
        String text = StatusView.render(s, 80, 24);
        assertTrue(text.contains("ALERTS (2)"), text);
        assertTrue(text.indexOf("sync failed") < text.indexOf(" old"), text);
    }

    @Test
    void devicesShowTheirCurrentRatesAndASparkline() throws Exception {
        JsonNode c = JSON.readTree("{\"devices\": [{\"name\": \"d1\", \"backend\": \"ram\", \"size\": \"1G\"}],"
                + " \"targets\": [{\"name\": \"iqn.2026-11.x:t\", \"luns\": [{\"lun\": 0, \"device\": \"d1\"}]}]}");
        io.blockhouse.tui.status.IoRates.Rates r = new io.blockhouse.tui.status.IoRates.Rates(
                java.util.List.of(0.0, 500.0, 1000.0), java.util.List.of(0.0, 2e6, 4.5e6));
        StatusSnapshot s = new StatusSnapshot(c, 3, "2026-11-24T02:00:00Z", "x", JSON.readTree("[]"), null, null,
                java.util.List.of(), java.util.Map.of("d1", r), Instant.now());
        String text = StatusView.render(s, 80, 24, true);
        String line = java.util.Arrays.stream(text.split("\n")).filter(l -> l.startsWith(" d1")).findFirst()
                .orElseThrow();
        assertTrue(line.contains("1000"), line);
        assertTrue(line.contains("4.5"), line);
        assertTrue(line.contains("_+@"), line);
    }
}
