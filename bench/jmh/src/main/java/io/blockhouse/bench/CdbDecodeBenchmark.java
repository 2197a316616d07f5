// SPDX-License-Identifier: GPL-2.0-or-later
package io.blockhouse.bench;

import io.blockhouse.scsi.sbc.BlockRange;
import io.blockhouse.scsi.sense.SenseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding the LBA and transfer length of READ (10), READ (16) and WRITE (16) CDBs with {@link BlockRange}, plus the
 * range check every read and write makes, as the SBC commands do before touching the back-end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CdbDecodeBenchmark {
    private static final long CAPACITY_BLOCKS = 1L << 31;

    // fields, not constants, so the JIT cannot fold the decode away
    private final byte[] read10 = {0x28, 0, 0x00, 0x01, 0x23, 0x45, 0, 0x00, 0x08, 0};
    private final byte[] read16 = {(byte) 0x88, 0, 0, 0, 0, 0, 0x00, 0x01, 0x23, 0x45, 0, 0, 0, 0x08, 0, 0};
    private final byte[] write16 = {(byte) 0x8A, 0, 0, 0, 0, 0, 0x00, 0x01, 0x23, 0x45, 0, 0, 0, 0x08, 0, 0};

    @Benchmark
    public long read10() throws SenseException {
        return decode(read10);
    }

    @Benchmark
    public long read16() throws SenseException {
        return decode(read16);
    }

    @Benchmark
    public long write16() throws SenseException {
        return decode(write16);
    }

    private static long decode(byte[] cdb) throws SenseException {
        BlockRange range = BlockRange.decode(cdb, false).checkWithin(CAPACITY_BLOCKS);
        return range.lba() + range.blocks();
    }
}
