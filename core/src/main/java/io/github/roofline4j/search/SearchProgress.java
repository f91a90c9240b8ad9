package io.github.roofline4j.search;

/**
 * How far a search has come.
 *
 * @param evaluated plans decided so far
 * @param total plans in the space
 * @param elapsedSeconds time since the search started
 * @param bestStepSeconds the best step found so far, or 0 when none fits yet
 */
public record SearchProgress(long evaluated, long total, double elapsedSeconds, double bestStepSeconds) {

    /**
     * Returns the plans decided per second.
     *
     * @return evaluated / elapsed, 0 before any time has passed
     */
    public double plansPerSecond() {
        return elapsedSeconds > 0 ? evaluated / elapsedSeconds : 0;
    }

    /**
     * Returns the estimated seconds left at the current rate.
     *
     * @return seconds, 0 when done or when no rate is known yet
     */
    public double remainingSeconds() {
        double rate = plansPerSecond();
        return rate > 0 ? Math.max(0, total - evaluated) / rate : 0;
    }
}
