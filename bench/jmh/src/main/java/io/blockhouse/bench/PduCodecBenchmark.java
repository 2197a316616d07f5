// SPDX-License-Identifier: GPL-2.0-or-later
package io.blockhouse.bench;

import io.blockhouse.iscsi.pdu.Bhs;
import io.blockhouse.iscsi.pdu.Crc32c;
import io.blockhouse.iscsi.pdu.DataInPdu;
import io.blockhouse.iscsi.pdu.IscsiFrameDecoder;
import io.blockhouse.iscsi.pdu.IscsiPdu;
import io.blockhouse.iscsi.pdu.PduEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * The PDU codec as the pipeline runs it: {@link IscsiFrameDecoder} framing a SCSI Command PDU (a READ (16), no data)
 * and a Data-Out PDU with a 64 KiB segment, and {@link PduEncoder} writing a Data-In PDU with a 64 KiB segment. Both
 * run inside an {@link EmbeddedChannel}, so each figure includes one pass through a one-handler pipeline (small next
 * to the codec work, and the same for every case). Digests on means header and data digests both on.
 *
 * <p>The wire bytes are built once, in direct pooled memory as the epoll transport delivers them; each invocation
 * feeds a retained duplicate, and every decoded or encoded buffer is released, so the leak detector stays quiet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PduCodecBenchmark {
    private static final int SEGMENT = 64 * 1024;
    private static final int OPCODE_SCSI_COMMAND = 0x01;
    private static final int OPCODE_DATA_OUT = 0x05;

    @Param({"false", "true"})
    public boolean digests;

    private EmbeddedChannel decoderChannel;
    private EmbeddedChannel encoderChannel;
    private ByteBuf commandWire;
    private ByteBuf dataOutWire;
    private ByteBuf readData;

    @Setup(Level.Trial)
    public void setUp() {
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        decoder.enableDigests(digests, digests);
        decoder.maxDataSegmentLength(262144);
        decoderChannel = new EmbeddedChannel(decoder);
        PduEncoder encoder = new PduEncoder();
        encoder.enableDigests(digests, digests);
        encoderChannel = new EmbeddedChannel(encoder);

        byte[] payload = new byte[SEGMENT];
        ThreadLocalRandom.current().nextBytes(payload);
        commandWire = wire(readCommandHeader(), null);
        dataOutWire = wire(dataOutHeader(), payload);
        readData = PooledByteBufAllocator.DEFAULT.directBuffer(SEGMENT);
        readData.writeBytes(payload);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        commandWire.release();
        dataOutWire.release();
        readData.release();
        decoderChannel.finishAndReleaseAll();
        encoderChannel.finishAndReleaseAll();
    }

    @Benchmark
    public int decodeScsiCommand() {
        return decodeOne(commandWire);
    }

    @Benchmark
    public int decodeDataOut64k() {
        return decodeOne(dataOutWire);
    }

    @Benchmark
    public int encodeDataIn64k() {
        DataInPdu pdu = new DataInPdu(DataInPdu.FLAG_FINAL | DataInPdu.FLAG_STATUS, 0, 0L, 7, 0, 0, 0,
                readData.retainedDuplicate());
        encoderChannel.writeOutbound(pdu);
        int bytes = 0;
        for (ByteBuf out; (out = encoderChannel.readOutbound()) != null; ) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    private int decodeOne(ByteBuf wire) {
        decoderChannel.writeInbound(wire.retainedDuplicate());
        IscsiPdu pdu = decoderChannel.readInbound();
        int length = pdu.dataSegmentLength();
        pdu.release();
        return length;
    }

    /** BHS + header digest + data + pad + data digest, the way an initiator sends it. */
    private ByteBuf wire(byte[] bhs, byte[] data) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
        buf.writeBytes(bhs);
        if (digests) {
            buf.writeIntLE(Crc32c.of(bhs, null));
        }
        if (data != null) {
            buf.writeBytes(data);
            buf.writeZero(Crc32c.padding(data.length));
            if (digests) {
                buf.writeIntLE(Crc32c.of(buf, Bhs.LENGTH + (digests ? 4 : 0), data.length, 0));
            }
        }
        return buf;
    }

    /** SCSI Command: READ (16) of 8 blocks at LBA 0x12345, simple task, F and R bits, no immediate data. */
    private static byte[] readCommandHeader() {
        byte[] h = new byte[Bhs.LENGTH];
        h[0] = OPCODE_SCSI_COMMAND;
        h[1] = (byte) (0x80 | 0x40 | 0x01);
        Bhs.put64(h, Bhs.OFF_LUN, 0L);
        Bhs.put32(h, Bhs.OFF_ITT, 0x1001);
        Bhs.put32(h, 20, 4096);
        Bhs.put32(h, 24, 1);
        Bhs.put32(h, 28, 1);
        h[32] = (byte) 0x88;
        Bhs.put64(h, 34, 0x12345L);
        Bhs.put32(h, 42, 8);
        return h;
    }

    /** Data-Out: the final PDU of a burst, 64 KiB at buffer offset 0, answering TTT 0x10. */
    private static byte[] dataOutHeader() {
        byte[] h = new byte[Bhs.LENGTH];
        h[0] = OPCODE_DATA_OUT;
        h[1] = (byte) 0x80;
        Bhs.put24(h, Bhs.OFF_DATA_SEGMENT_LENGTH, SEGMENT);
        Bhs.put32(h, Bhs.OFF_ITT, 0x1002);
        Bhs.put32(h, 20, 0x10);
        Bhs.put32(h, 28, 1);
        Bhs.put32(h, 36, 0);
        Bhs.put32(h, 40, 0);
        return h;
    }
}
