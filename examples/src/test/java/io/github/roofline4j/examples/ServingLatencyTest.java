package io.github.roofline4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.inference.InferenceEstimate;

class ServingLatencyTest {

    @Test
    void sweep_biggerBatchMoreThroughputSlowerTokens() {
        List<InferenceEstimate> s = ServingLatency.sweep("llama-3.1-8b", "h100-sxm", List.of(1, 32), 1024, 256);
        assertEquals("memory", s.get(0).bottleneck());
        assertTrue(s.get(1).decodeTokensPerSecond() > s.get(0).decodeTokensPerSecond());
        assertTrue(s.get(1).decodeSecondsPerToken() >= s.get(0).decodeSecondsPerToken());
        assertTrue(s.get(1).prefillSeconds() > s.get(0).prefillSeconds());
    }

    @Test
    void print_oneRowPerBatch() {
        String out = Printed.by(ServingLatency::print);
        assertEquals(2 + 5, out.lines().count(), out);
    }
}
