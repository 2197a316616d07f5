package io.blockhouse.scsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.exec.LunCodec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogicalUnitSpecTest {

    @Test
    void derivedNaaIsStableType6WithTheLocalOui() {
        byte[] a = LogicalUnitSpec.deriveNaa("disk0");
        assertArrayEquals(a, LogicalUnitSpec.deriveNaa("disk0"));
        assertFalse(Arrays.equals(a, LogicalUnitSpec.deriveNaa("disk1")));
        assertEquals(16, a.length);
        int oui = ((a[0] & 0x0F) << 20) | ((a[1] & 0xFF) << 12) | ((a[2] & 0xFF) << 4) | ((a[3] & 0xF0) >> 4);
        assertEquals(0x6, (a[0] & 0xF0) >> 4);
        assertEquals(LogicalUnitSpec.LOCAL_OUI, oui);
    }

    @Test
    void rejectsBadValues() {
        byte[] naa = LogicalUnitSpec.deriveNaa("x");
        assertThrows(IllegalArgumentException.class,
                () -> new LogicalUnitSpec("x", 1024, false, false, true, "S", naa, "V", "P", "R"));
        assertThrows(IllegalArgumentException.class,
                () -> new LogicalUnitSpec("x", 512, false, false, true, "S", new byte[16], "V", "P", "R"));
        assertThrows(IllegalArgumentException.class,
                () -> new LogicalUnitSpec("x", 512, false, false, true, "S", naa, "VENDORXXX", "P", "R"));
        assertThrows(IllegalArgumentException.class,
                () -> new LogicalUnitSpec("x", 512, false, false, true, "has space", naa, "V", "P", "R"));
    }

    @Test
    void naaIsDefensivelyCopied() {
        byte[] naa = LogicalUnitSpec.deriveNaa("x");
        LogicalUnitSpec spec = new LogicalUnitSpec("x", 512, false, false, true, "S", naa, "V", "P", "R");
        naa[5] ^= 1;
        spec.naaId()[6] ^= 1;
        assertArrayEquals(LogicalUnitSpec.deriveNaa("x"), spec.naaId());
        assertTrue(spec.toString().contains("naa=6"));
    }

    @Test
    void lunCodecPeripheralAndFlatAddressing() {
        assertEquals(0x0005_0000_0000_0000L, LunCodec.encode(5));
        assertEquals(0x412C_0000_0000_0000L, LunCodec.encode(300));
        assertEquals(5, LunCodec.decode(LunCodec.encode(5)));
        assertEquals(300, LunCodec.decode(LunCodec.encode(300)));
        assertEquals(5, LunCodec.decode(0x4005_0000_0000_0000L)); // flat space for a small LUN
        assertEquals(-1, LunCodec.decode(0x0105_0000_0000_0000L)); // peripheral with a bus number
        assertEquals(-1, LunCodec.decode(0x0005_0000_0000_0001L)); // second level
        assertEquals(-1, LunCodec.decode(0xC000_0000_0000_0000L)); // extended addressing
        assertThrows(IllegalArgumentException.class, () -> LunCodec.encode(16384));
    }

    @Test
    void lunMapBuilderRejectsDuplicatesAndRange() {
        LogicalUnit lu = new LogicalUnit(LogicalUnitSpec.of("x", 512, false, false, true, "X"),
                new BlockBackendStub(4096, 512), Runnable::run);
        assertThrows(IllegalArgumentException.class, () -> LunMap.builder().add(1, lu, false).add(1, lu, true));
        assertThrows(IllegalArgumentException.class, () -> LunMap.builder().add(16384, lu, false));
        LunMap map = LunMap.builder().add(7, lu, true).add(2, lu, false).build();
        assertEquals(java.util.List.of(2, 7), map.luns());
        assertTrue(map.get(7).readOnly());
        assertEquals(null, map.get(3));
        lu.close();
    }

    @Test
    void targetPortNames() {
        TargetPort port = new TargetPort("iqn.2026-01.x:t,t,0x0002", 2);
        assertEquals("iqn.2026-01.x:t", port.deviceName());
        assertThrows(IllegalArgumentException.class, () -> new TargetPort("iqn.x,t,0x1", 0));
        assertThrows(IllegalArgumentException.class,
                () -> port.openNexus("iqn.i", new byte[5], LunMap.empty()));
        Nexus n = port.openNexus("iqn.i", new byte[] {(byte) 0x80, 0x12, 0x34, 0x56, 0x78, (byte) 0x9A},
                LunMap.empty());
        assertEquals("iqn.i,i,0x80123456789a", ((io.blockhouse.scsi.exec.NexusView) n).initiatorPortName());
        n.close();
    }
}
