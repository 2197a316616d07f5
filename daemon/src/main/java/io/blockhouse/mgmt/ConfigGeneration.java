package io.blockhouse.mgmt;

import io.blockhouse.config.BlockhouseConfig;
import java.time.Instant;

/**
 * One durable configuration generation.
 *
 * @param number  1, 2, 3... in the order the changes were accepted
 * @param time    when it was written
 * @param summary one line saying what changed, e.g. "lun map iqn...:t1 1 -> disk1"
 * @param config  the whole validated configuration
 */
public record ConfigGeneration(long number, Instant time, String summary, BlockhouseConfig config) {
}
