package io.blockhouse.daemon;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.netty.util.internal.PlatformDependent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes Netty's pooled allocator, the one every channel and the SCSI layer take their buffers from, for an appliance
 * that should serve many sessions in a few hundred MiB rather than for a throughput server.
 *
 * <p>Netty reads its allocator settings once, when {@code PooledByteBufAllocator} is first loaded, from system
 * properties; {@link #applyDefaults()} therefore runs first thing in {@link Main#main} and only fills in what the
 * operator did not set with {@code -D} (an explicit setting always wins). Its choices:
 * <ul>
 *   <li>one direct arena per core instead of two: every arena keeps its own partly used 4 MiB chunks, and
 *       measured with 32 sessions the extra arenas only added resident memory, not throughput (docs/PERFORMANCE.md,
 *       "Memory");</li>
 *   <li>one heap arena: the data path uses direct buffers only, heap buffers are rare (management replies), and
 *       every heap arena's chunks would sit inside the small Java heap;</li>
 *   <li>2 MiB chunks instead of 4 MiB: a pool never frees a chunk that holds the last (even empty) subpage of a
 *       small size class, and after a load a dozen chunks per arena stay pinned that way, each resident in full.
 *       Halving the chunk measured 15-20 MiB less at peak and 25-40 MiB less once idle. Transfers up to 2 MiB
 *       are still pooled; larger ones (up to the 8 MiB MAXIMUM TRANSFER LENGTH) are allocated for the command and
 *       freed after it;</li>
 *   <li>thread caches trimmed every {@value #CACHE_TRIM_MILLIS} ms: an event loop whose sessions went quiet gives
 *       back the buffers it cached for them instead of holding them until the next burst.</li>
 * </ul>
 */
public final class BufferPoolSizing {

    static final String DIRECT_ARENAS = "io.netty.allocator.numDirectArenas";
    static final String HEAP_ARENAS = "io.netty.allocator.numHeapArenas";
    static final String CACHE_TRIM = "io.netty.allocator.cacheTrimIntervalMillis";
    /** Chunk size is the 8 KiB page shifted left by this. */
    static final String MAX_ORDER = "io.netty.allocator.maxOrder";
    static final long CACHE_TRIM_MILLIS = 30_000;

    private BufferPoolSizing() {
    }

    /**
     * The settings this class would apply on a machine with {@code cores} processors, by property name; a property
     * that is already set keeps its value.
     */
    static Map<String, String> defaults(int cores) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(DIRECT_ARENAS, Integer.toString(Math.max(1, cores)));
        values.put(HEAP_ARENAS, "1");
        values.put(MAX_ORDER, "8");
        values.put(CACHE_TRIM, Long.toString(CACHE_TRIM_MILLIS));
        return values;
    }

    /** Sets every default whose property is unset. Must run before any Netty buffer class is loaded. */
    public static void applyDefaults() {
        defaults(Runtime.getRuntime().availableProcessors()).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    /** Logs what the allocator actually uses (after {@link #applyDefaults()} and any {@code -D}), once at start-up. */
    static void logEffective() {
        Logger log = LoggerFactory.getLogger(BufferPoolSizing.class);
        PooledByteBufAllocatorMetric metric = PooledByteBufAllocator.DEFAULT.metric();
        log.info("buffer pool: {} direct arena(s), {} heap arena(s), {} KiB chunks; direct memory limit {} MiB, "
                        + "heap limit {} MiB", metric.numDirectArenas(), metric.numHeapArenas(),
                metric.chunkSize() / 1024, PlatformDependent.maxDirectMemory() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
