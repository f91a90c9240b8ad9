package io.github.roofline4j.workload;

/**
 * The collective communication operations (as NCCL and RCCL implement them).
 */
public enum CollectiveKind {
    /** Every rank ends with the sum of all ranks' buffers. */
    ALL_REDUCE,
    /** Every rank ends with its shard of the sum. */
    REDUCE_SCATTER,
    /** Every rank ends with all ranks' shards. */
    ALL_GATHER,
    /** Every rank sends a distinct shard to every other rank. */
    ALL_TO_ALL,
    /** One rank's buffer reaches every rank. */
    BROADCAST,
    /** One rank sends its buffer to one other rank. */
    SEND_RECV
}
