package io.github.roofline4j.workload;

import io.github.roofline4j.support.Checks;

/**
 * The communication of a {@link OperationKind#COLLECTIVE} or {@link OperationKind#TRANSFER}
 * operation: what, how many bytes, among how many ranks, and how the group sits on the topology.
 *
 * <p>{@code bytes} is the buffer size in the sense of nccl-tests' "size": the whole buffer of an
 * all-reduce (the same on every rank), the gathered output of an all-gather, the input of a
 * reduce-scatter, the send buffer of an all-to-all, the message of a broadcast or send/recv.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind the collective
 * @param bytes the buffer size, bytes, &ge; 0
 * @param groupSize ranks taking part, &ge; 1 (2 for send/recv)
 * @param ranksPerDomain ranks of the group inside one scale-up domain, dividing groupSize; groupSize when
 *        the group fits in one domain, 1 when every rank sits in its own domain
 */
public record Communication(CollectiveKind kind, double bytes, int groupSize, int ranksPerDomain) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a count is out of range or the ranks do not tile the domains
     */
    public Communication {
        Checks.notNull("kind", kind);
        Checks.nonNegative("bytes", bytes);
        Checks.positive("groupSize", groupSize);
        Checks.positive("ranksPerDomain", ranksPerDomain);
        if (ranksPerDomain > groupSize || groupSize % ranksPerDomain != 0) {
            throw new IllegalArgumentException("ranksPerDomain must divide groupSize (" + groupSize + "), was "
                    + ranksPerDomain);
        }
    }

    /**
     * Tells whether the group spans more than one scale-up domain.
     *
     * @return true when the scale-out network is involved
     */
    public boolean crossesDomains() {
        return ranksPerDomain < groupSize;
    }
}
