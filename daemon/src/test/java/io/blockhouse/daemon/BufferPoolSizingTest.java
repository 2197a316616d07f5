package io.blockhouse.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BufferPoolSizingTest {

    @Test
    void oneDirectArenaPerCoreOneHeapArenaAndTwoMibChunks() {
        Map<String, String> values = BufferPoolSizing.defaults(4);
        assertEquals("4", values.get(BufferPoolSizing.DIRECT_ARENAS));
        assertEquals("1", values.get(BufferPoolSizing.HEAP_ARENAS));
        assertEquals(2 << 20, 8192 << Integer.parseInt(values.get(BufferPoolSizing.MAX_ORDER)));
        assertEquals(Long.toString(BufferPoolSizing.CACHE_TRIM_MILLIS), values.get(BufferPoolSizing.CACHE_TRIM));
    }

    @Test
    void neverZeroArenas() {
        assertEquals("1", BufferPoolSizing.defaults(0).get(BufferPoolSizing.DIRECT_ARENAS));
    }

    @Test
    void onlyTheNettyAllocatorPropertiesAreTouched() {
        BufferPoolSizing.defaults(2).keySet()
                .forEach(key -> assertEquals(true, key.startsWith("io.netty.allocator."), key));
    }
}
