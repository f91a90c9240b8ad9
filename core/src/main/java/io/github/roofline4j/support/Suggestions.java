package io.github.roofline4j.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the known names closest to a name that was not found, for "did you mean" messages.
 *
 * <p>Candidates are ranked by Levenshtein edit distance between normalized names (lower case,
 * spaces and underscores as hyphens); a candidate that contains the query, or is contained in
 * it, ranks as if its distance were zero. Only candidates within half the query's length (at
 * least 2 edits) are kept. Ties are broken alphabetically, so the result is deterministic.
 *
 * <p>Stateless and thread-safe.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * Returns up to {@code limit} candidates closest to the query.
     *
     * @param query the name that was not found
     * @param candidates the known names
     * @param limit the largest number of suggestions, &ge; 1
     * @return the closest names, best first
     */
    public static List<String> closest(String query, Collection<String> candidates, int limit) {
        String q = normalize(query);
        int threshold = Math.max(2, q.length() / 2);
        record Scored(String name, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String candidate : candidates) {
            String c = normalize(candidate);
            int score = (!q.isEmpty() && (c.contains(q) || q.contains(c))) ? 0 : distance(q, c);
            if (score <= threshold) {
                scored.add(new Scored(candidate, score));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
                .map(Scored::name)
                .distinct()
                .limit(limit)
                .toList();
    }

    /**
     * Normalizes a name for lookup: trimmed, lower case, with spaces and underscores as hyphens.
     *
     * @param name the name
     * @return the normalized name
     */
    public static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    }

    /**
     * Returns the Levenshtein edit distance between two strings.
     *
     * @param a the first string
     * @param b the second string
     * @return the number of single-character insertions, deletions and substitutions
     */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
