package io.github.roofline4j.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> IDS = List.of("h100-sxm", "h100-pcie", "h100-nvl", "h200-sxm", "a100-sxm-80gb", "mi300x");

    @Test
    void closest_prefixMatchesRankFirstAndSorted() {
        assertEquals(List.of("h100-nvl", "h100-pcie", "h100-sxm"), Suggestions.closest("h100", IDS, 3));
    }

    @Test
    void closest_typo() {
        assertEquals("mi300x", Suggestions.closest("mi300", IDS, 1).get(0));
        assertEquals("h200-sxm", Suggestions.closest("h200-smx", IDS, 1).get(0));
    }

    @Test
    void closest_nothingNear() {
        assertTrue(Suggestions.closest("completely-different-name", IDS, 3).isEmpty());
    }

    @Test
    void distance_levenshtein() {
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("", ""));
        assertEquals(4, Suggestions.distance("", "abcd"));
    }

    @Test
    void normalize_caseSpacesUnderscores() {
        assertEquals("h100-sxm5-80gb", Suggestions.normalize(" H100 SXM5_80GB "));
    }
}
