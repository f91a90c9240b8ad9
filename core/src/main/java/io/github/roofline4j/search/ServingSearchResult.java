package io.github.roofline4j.search;

import java.util.List;

/**
 * The result of a {@link ServingSearch}.
 *
 * @param best the best configurations overall, best first
 * @param bestPerDeviceCount the best configuration of each device count that has one, fewest devices first
 * @param evaluated serving estimates made
 * @param searchSeconds wall-clock time of the search
 */
public record ServingSearchResult(List<ServingCandidate> best, List<ServingCandidate> bestPerDeviceCount,
        long evaluated, double searchSeconds) {

    /**
     * Copies the lists.
     */
    public ServingSearchResult {
        best = List.copyOf(best);
        bestPerDeviceCount = List.copyOf(bestPerDeviceCount);
    }
}
