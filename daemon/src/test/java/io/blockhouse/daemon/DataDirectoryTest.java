package io.blockhouse.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void identityIsCreatedOnceAndKept() throws Exception {
        Path dir = tmp.resolve("a/b");
        DataDirectory first = DataDirectory.open(dir);
        assertTrue(first.instanceId().matches("[0-9a-f]{32}"));
        assertEquals(first.instanceId(), DataDirectory.open(dir).instanceId());
        assertNotEquals(first.instanceId(), DataDirectory.open(tmp.resolve("other")).instanceId());
        assertEquals(dir.resolve("disk0.img"), first.resolve("disk0.img"));
        assertEquals(Path.of("/dev/sdb"), first.resolve("/dev/sdb"));
    }

    @Test
    void corruptIdentityIsRefusedNotReplaced() throws Exception {
        Files.writeString(tmp.resolve("instance-id"), "garbage");
        IOException e = assertThrows(IOException.class, () -> DataDirectory.open(tmp));
        assertTrue(e.getMessage().contains("instance-id is corrupt"), e.getMessage());
        assertEquals("garbage", Files.readString(tmp.resolve("instance-id")));
    }

    @Test
    void derivedSerialsAreStablePerInstanceAndName() {
        String a = DeviceIdentity.deriveSerial("00112233445566778899aabbccddeeff", "disk0");
        assertEquals(a, DeviceIdentity.deriveSerial("00112233445566778899aabbccddeeff", "disk0"));
        assertNotEquals(a, DeviceIdentity.deriveSerial("00112233445566778899aabbccddeeff", "disk1"));
        assertNotEquals(a, DeviceIdentity.deriveSerial("ffeeddccbbaa99887766554433221100", "disk0"));
        assertTrue(a.matches("[0-9A-F]{16}"), a);
    }
}
