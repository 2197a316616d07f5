package io.blockhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ByteSizeAndHostPortTest {

    @Test
    void parsesSizes() {
        assertEquals(4096, ByteSize.parse("4096").bytes());
        assertEquals(1L << 30, ByteSize.parse("1G").bytes());
        assertEquals(512L << 20, ByteSize.parse("512MiB").bytes());
        assertEquals(64L << 10, ByteSize.parse("64kb").bytes());
        assertEquals(2L << 40, ByteSize.parse(" 2 TiB ").bytes());
        assertEquals(8L << 20, ByteSize.of(8L << 20).bytes());
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("1.5G"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999T"));
    }

    @Test
    void writesLargestExactUnit() {
        assertEquals("1G", ByteSize.parse("1024M").json());
        assertEquals(1000L, new ByteSize(1000).json());
        assertEquals(0L, new ByteSize(0).json());
    }

    @Test
    void parsesAddresses() {
        assertEquals(new InetSocketAddress("127.0.0.1", 3260), HostPort.parse("127.0.0.1:3260", -1));
        assertEquals(new InetSocketAddress("0.0.0.0", 3261), HostPort.parse(":3261", -1));
        assertEquals(new InetSocketAddress("10.1.2.3", 3260), HostPort.parse("10.1.2.3", 3260));
        assertEquals(new InetSocketAddress("::1", 3260), HostPort.parse("[::1]:3260", -1));
        assertEquals("[0:0:0:0:0:0:0:1]:3260", HostPort.format(HostPort.parse("[::1]:3260", -1)));
        assertEquals("10.1.2.3:3260", HostPort.format(HostPort.parse("10.1.2.3:3260", -1)));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("::1:3260", -1));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("256.1.1.1:3260", -1));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("1.1.1.1", -1));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("1.1.1.1:0", -1));
    }
}
