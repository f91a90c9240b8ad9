package io.github.roofline4j.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.UnknownNameException;

/**
 * Fuzzes {@link HuggingFaceConfig#parse(String, String)}, which reads {@code config.json} files
 * from anywhere: it either returns a valid spec, whose parameter count, FLOPs per token and KV
 * cache can be computed, or throws {@link InvalidInputException} (or
 * {@link UnknownNameException}); never any other exception.
 *
 * <p>In a normal build this runs as a regression test over the seeds in
 * {@code src/test/resources/io/github/roofline4j/model/HuggingFaceConfigFuzzTestInputs/parse/}.
 * To fuzz: {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=HuggingFaceConfigFuzzTest}.
 */
class HuggingFaceConfigFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        TransformerSpec spec;
        try {
            spec = HuggingFaceConfig.parse(text, "fuzz input");
        } catch (InvalidInputException | UnknownNameException expected) {
            assertFalse(expected.getMessage().isBlank());
            return;
        }
        ParameterCount p = spec.parameterCount();
        assertTrue(p.total() > 0 && p.active() <= p.total(), p.toString());
        assertFalse(spec.toString().isBlank());
        if (spec.isDecoderOnly()) {
            long s = Math.min(spec.maxPositionEmbeddings(), 4096);
            ForwardFlops f = spec.forwardFlopsPerToken(s, AttentionMask.CAUSAL);
            assertTrue(Double.isFinite(f.total()) && f.total() > 0, f.toString());
            TrainingFlops t = spec.trainingFlopsPerToken(s, AttentionMask.CAUSAL, Recompute.FULL);
            assertTrue(t.hardwareFlops() >= t.modelFlops(), t.toString());
            // a valid but huge model may have a KV cache beyond a 64-bit byte count: that, and only that, may fail
            sizeOrOverflow(() -> spec.kvCacheBytesPerToken(DataType.BF16));
            sizeOrOverflow(() -> spec.kvCacheBytesPerToken(KvFormat.parse("int8")));
            sizeOrOverflow(() -> spec.kvCacheBytes(s, DataType.BF16));
            sizeOrOverflow(() -> {
                ModelSummary summary = ModelSummary.of(spec, null, s, KvFormat.parse("bf16"), List.of());
                assertFalse(summary.table().isBlank());
                return summary.kvCacheBytesPerToken();
            });
        }
    }

    private static void sizeOrOverflow(LongSupplier size) {
        try {
            assertTrue(size.getAsLong() >= 0);
        } catch (IllegalArgumentException tooLarge) {
            assertTrue(tooLarge.getMessage().contains("overflows a 64-bit"), tooLarge.getMessage());
        }
    }
}
