package io.github.roofline4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.hardware.DataType;

/** Properties of the transformer math over seeded random decoder-only models. */
class TransformerSpecProperties {

    private static final long SEED = 7_2026_11_22L;

    static Stream<TransformerSpec> randomModels() {
        return LongStream.range(0, 300).mapToObj(i -> randomModel(new Random(SEED + i)));
    }

    static TransformerSpec randomModel(Random r) {
        int kvHeads = 1 << r.nextInt(4);
        int heads = kvHeads * (1 + r.nextInt(8));
        int headDim = 32 * (1 + r.nextInt(8));
        int layers = 1 + r.nextInt(64);
        boolean mla = r.nextInt(5) == 0;
        Attention attention;
        if (mla) {
            Mla m = new Mla(r.nextBoolean() ? 0 : 256 + r.nextInt(1024), 64 + r.nextInt(512), 64 + r.nextInt(64),
                    16 + r.nextInt(64), 64 + r.nextInt(64));
            attention = new Attention(heads, heads, m.qkHeadDim(), false, false, false, OptionalInt.empty(), 0, Optional.of(m));
        } else {
            boolean window = r.nextBoolean();
            attention = new Attention(heads, kvHeads, headDim, r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                    window ? OptionalInt.of(128 + r.nextInt(4096)) : OptionalInt.empty(), window ? 1 + r.nextInt(layers) : 0,
                    Optional.empty());
        }
        TransformerSpec.Builder b = TransformerSpec.builder("random").layerCount(layers)
                .hiddenSize(64 * (1 + r.nextInt(64))).vocabSize(1000 + r.nextInt(200_000))
                .maxPositionEmbeddings(1024 + r.nextInt(100_000)).attention(attention)
                .mlp(new Mlp(128 + r.nextInt(20_000), r.nextBoolean(), r.nextBoolean(), "silu"))
                .norm(r.nextBoolean() ? Norm.RMS_NORM : Norm.LAYER_NORM).tiedEmbeddings(r.nextBoolean());
        if (r.nextBoolean()) {
            int experts = 2 + r.nextInt(128);
            int shared = r.nextInt(3);
            b.moe(new Moe(1 + r.nextInt(layers), experts, 1 + r.nextInt(experts), 64 + r.nextInt(4096), shared,
                    shared > 0 ? 64 + r.nextInt(4096) : 0, shared > 0 && r.nextBoolean()));
        }
        if (r.nextBoolean()) {
            b.positions(Positions.learned(1 + r.nextInt(8192)));
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("randomModels")
    void twiceTheLayers_twiceTheLayerParameters(TransformerSpec s) {
        TransformerSpec doubled;
        if (s.moe().isPresent()) {
            Moe m = s.moe().get();
            doubled = s.toBuilder().layerCount(2 * s.layerCount()).moe(new Moe(2 * m.layerCount(), m.routedExperts(),
                    m.expertsPerToken(), m.expertIntermediateSize(), m.sharedExperts(), m.sharedExpertIntermediateSize(),
                    m.sharedExpertGate())).attention(doubleWindowLayers(s.attention())).build();
        } else {
            doubled = s.toBuilder().layerCount(2 * s.layerCount()).attention(doubleWindowLayers(s.attention())).build();
        }
        ParameterCount one = s.parameterCount();
        ParameterCount two = doubled.parameterCount();
        long finalNorm = s.norm().parameterCount(s.hiddenSize());
        long layerParams = one.total() - one.embedding() - finalNorm;
        assertEquals(2 * layerParams, two.total() - two.embedding() - finalNorm);
    }

    private static Attention doubleWindowLayers(Attention a) {
        return new Attention(a.headCount(), a.kvHeadCount(), a.headDim(), a.qkvBias(), a.outputBias(), a.qkNorm(),
                a.slidingWindowTokens(), 2 * a.slidingWindowLayerCount(), a.mla());
    }

    @ParameterizedTest
    @MethodSource("randomModels")
    void groupedQueryAttention_neverMoreKvThanMultiHead(TransformerSpec s) {
        Attention a = s.attention();
        if (a.mla().isPresent()) {
            return;
        }
        TransformerSpec mha = s.toBuilder().attention(new Attention(a.headCount(), a.headCount(), a.headDim(), a.qkvBias(),
                a.outputBias(), a.qkNorm(), a.slidingWindowTokens(), a.slidingWindowLayerCount(), a.mla())).build();
        assertTrue(s.kvCacheBytesPerToken(DataType.BF16) <= mha.kvCacheBytesPerToken(DataType.BF16));
        assertTrue(s.parameterCount().total() <= mha.parameterCount().total());
    }

    @ParameterizedTest
    @MethodSource("randomModels")
    void active_neverAboveTotal_partsSum(TransformerSpec s) {
        ParameterCount c = s.parameterCount();
        assertTrue(c.active() <= c.total());
        assertTrue(c.active() > 0);
        assertEquals(c.total(), c.embedding() + c.nonEmbedding());
    }

    @ParameterizedTest
    @MethodSource("randomModels")
    void flops_finitePositiveAndMonotoneInSequence(TransformerSpec s) {
        double previous = 0;
        for (long seq : new long[] {1, 16, 512, 4096, 65536}) {
            for (AttentionMask mask : AttentionMask.values()) {
                ForwardFlops f = s.forwardFlopsPerToken(seq, mask);
                assertTrue(Double.isFinite(f.total()) && f.total() > 0);
            }
            double full = s.forwardFlopsPerToken(seq, AttentionMask.FULL).total();
            assertTrue(full >= previous);
            assertTrue(s.forwardFlopsPerToken(seq, AttentionMask.CAUSAL).total() <= full);
            previous = full;
        }
        TrainingFlops t = s.trainingFlopsPerToken(2048, AttentionMask.CAUSAL, Recompute.FULL);
        assertTrue(t.hardwareFlops() >= t.modelFlops());
    }

    @ParameterizedTest
    @MethodSource("randomModels")
    void kvCache_linearUpToTheWindowAndNeverNegative(TransformerSpec s) {
        long perToken = s.kvCacheBytesPerToken(DataType.BF16);
        assertEquals(0, s.kvCacheBytes(0, DataType.BF16));
        assertEquals(perToken, s.kvCacheBytes(1, DataType.BF16));
        assertTrue(s.kvCacheBytes(100_000, DataType.BF16) <= 100_000 * perToken);
        assertTrue(s.kvCacheBytes(2000, DataType.BF16) >= s.kvCacheBytes(1000, DataType.BF16));
        assertTrue(s.kvCacheBytes(1000, DataType.INT4) <= s.kvCacheBytes(1000, DataType.FP8_E4M3));
    }
}
