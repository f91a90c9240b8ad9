package io.github.roofline4j.search;

import java.util.List;

import io.github.roofline4j.support.Checks;

/**
 * The result of a {@link TrainingSearch}.
 *
 * @param objective what the plans are ranked by
 * @param plans the best plans, best first, each with its full estimate
 * @param enumerated valid plans in the space, each decided (priced, or pruned soundly); placements that price every
 *        plan alike count once, and with {@link Objective#DEVICES} the device counts after the one that completes
 *        the top k are not searched
 * @param feasible plans that fit in memory
 * @param priced plans priced in full; the rest of the feasible ones were pruned because a lower
 *        bound of their step already ranked them below the k-th best (depends on thread timing)
 * @param layerPlans distinct layer plans whose passes were priced
 * @param searchSeconds wall-clock time of the search
 * @param complete false when the search was cancelled or hit its time limit: the plans are then
 *        the best of the part searched
 */
public record TrainingSearchResult(Objective objective, List<RankedPlan> plans, long enumerated, long feasible,
        long priced, long layerPlans, double searchSeconds, boolean complete) {

    /**
     * Copies the plans.
     */
    public TrainingSearchResult {
        Checks.notNull("objective", objective);
        plans = List.copyOf(plans);
    }

    /**
     * Returns the plans decided per second.
     *
     * @return enumerated / searchSeconds
     */
    public double plansPerSecond() {
        return searchSeconds > 0 ? enumerated / searchSeconds : 0;
    }
}
