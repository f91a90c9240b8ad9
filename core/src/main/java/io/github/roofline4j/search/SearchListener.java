package io.github.roofline4j.search;

/**
 * Receives a search's progress, about every {@link TrainingSearch#PROGRESS_INTERVAL_SECONDS} seconds
 * and once at the end, on the thread that called the search.
 */
@FunctionalInterface
public interface SearchListener {

    /** A listener that ignores progress. */
    SearchListener NONE = p -> { };

    /**
     * Reports progress.
     *
     * @param progress how far the search has come
     */
    void progress(SearchProgress progress);
}
