// SPDX-License-Identifier: GPL-2.0-or-later
package io.blockhouse.bench;

import io.blockhouse.iscsi.pdu.Crc32c;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CRC32C over a BHS-sized (48 B), an 8 KiB and a 256 KiB region, on heap and in direct memory: the JDK's
 * {@link CRC32C} directly (the intrinsic's ceiling) and Blockhouse's {@link Crc32c#of(ByteBuf, int, int, int)}, the
 * path both digests take in the codec. Comparing the two on direct buffers shows whether the daemon's path copies
 * (it should not: {@code nioBuffers} hands the intrinsic a view of the same memory).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Crc32cBenchmark {
    @Param({"48", "8192", "262144"})
    public int size;

    private byte[] array;
    private ByteBuffer directNio;
    private ByteBuf heapBuf;
    private ByteBuf directBuf;

    @Setup(Level.Trial)
    public void setUp() {
        array = new byte[size];
        ThreadLocalRandom.current().nextBytes(array);
        directNio = ByteBuffer.allocateDirect(size);
        directNio.put(array).flip();
        heapBuf = Unpooled.wrappedBuffer(array.clone());
        directBuf = Unpooled.directBuffer(size);
        directBuf.writeBytes(array);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        heapBuf.release();
        directBuf.release();
    }

    @Benchmark
    public long jdkHeapArray() {
        CRC32C crc = new CRC32C();
        crc.update(array, 0, size);
        return crc.getValue();
    }

    @Benchmark
    public long jdkDirectByteBuffer() {
        CRC32C crc = new CRC32C();
        crc.update(directNio.duplicate());
        return crc.getValue();
    }

    @Benchmark
    public int blockhouseHeapByteBuf() {
        return Crc32c.of(heapBuf, 0, size, 0);
    }

    @Benchmark
    public int blockhouseDirectByteBuf() {
        return Crc32c.of(directBuf, 0, size, 0);
    }
}
