package io.github.roofline4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CheapestPerTokenTest {

    /** Test inputs, not market prices: equal prices make the ranking a ranking of throughput. */
    private static final double PRICE = 2.0;
    private static final double RELATIVE = 1e-9;

    @Test
    void costs_equalPrices_fastestIsCheapest() {
        Map<String, Double> prices = new LinkedHashMap<>();
        prices.put("a100-sxm-80gb", PRICE);
        prices.put("h100-sxm", PRICE);
        prices.put("h200-sxm", PRICE);
        List<CheapestPerToken.Cost> costs = CheapestPerToken.costs("llama-3.1-8b", prices);
        assertEquals(3, costs.size());
        for (int i = 1; i < costs.size(); i++) {
            assertTrue(costs.get(i).dollarsPerMillionTokens() >= costs.get(i - 1).dollarsPerMillionTokens());
            assertTrue(costs.get(i).estimate().decodeTokensPerSecond() <= costs.get(i - 1).estimate().decodeTokensPerSecond());
        }
        CheapestPerToken.Cost c = costs.get(0);
        double expected = PRICE / 3600 / c.estimate().decodeTokensPerSecond() * 1e6;
        assertEquals(expected, c.dollarsPerMillionTokens(), RELATIVE * expected);
    }

    @Test
    void print_rankingTable() {
        String out = Printed.by(p -> CheapestPerToken.print("llama-3.1-8b", Map.of("h100-sxm", 3.0, "mi300x", 2.5), p));
        assertEquals(4, out.lines().count(), out);
    }
}
