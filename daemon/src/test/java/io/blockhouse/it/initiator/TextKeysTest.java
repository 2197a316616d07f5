package io.blockhouse.it.initiator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextKeysTest {

    @Test
    void encodesNulTerminatedPairsInOrder() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("HeaderDigest", "CRC32C");
        keys.put("MaxBurstLength", "1048576");
        assertArrayEquals("HeaderDigest=CRC32C\0MaxBurstLength=1048576\0".getBytes(StandardCharsets.UTF_8),
                TextKeys.encode(keys));
    }

    @Test
    void decodesRepeatedKeysAndValuesContainingEquals() throws IscsiProtocolException {
        byte[] data = "TargetName=a\0TargetAddress=1.2.3.4:3260,1\0TargetName=b\0X=y=z\0"
                .getBytes(StandardCharsets.UTF_8);
        List<String[]> pairs = TextKeys.decodeAll(data);
        assertEquals(4, pairs.size());
        assertEquals("b", pairs.get(2)[1]);
        assertEquals("y=z", TextKeys.decode(data).get("X"));
    }

    @Test
    void refusesMissingTerminatorOrMissingEquals() {
        assertThrows(IscsiProtocolException.class, () -> TextKeys.decode("A=b".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IscsiProtocolException.class, () -> TextKeys.decode("Ab\0".getBytes(StandardCharsets.UTF_8)));
    }
}
