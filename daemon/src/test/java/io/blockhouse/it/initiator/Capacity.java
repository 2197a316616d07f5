package io.blockhouse.it.initiator;

/** READ CAPACITY (16) answer: the last LBA and the logical block length. */
public record Capacity(long lastLba, int blockSize) {

    public long blocks() {
        return lastLba + 1;
    }

    public long bytes() {
        return blocks() * blockSize;
    }
}
