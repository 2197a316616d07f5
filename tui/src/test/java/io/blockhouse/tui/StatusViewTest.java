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
                JSON.readTree(sessions.replace('\'', '"')), null, Instant.now());
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
}
