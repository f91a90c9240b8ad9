package io.github.roofline4j.roofline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.CollectiveKind;

/**
 * How much of an accelerator's datasheet peaks real kernels achieve: the size-aware matrix-unit
 * efficiency, the attention-kernel efficiency, the achievable memory bandwidth, the fixed cost
 * of a kernel, and the bus efficiency and latency of collectives.
 *
 * <h2>Matrix products</h2>
 * The time of a GEMM (m &times; k by k &times; n, {@code batch} times) on the matrix units is
 * flops / (peak &times; f &times; q), where f is {@link #matmulFraction(DataType)}, the fraction
 * of peak a compute unit sustains, and q the quantization efficiency of the best of the
 * {@link #tiles()}: tile quantization m&middot;n / (&lceil;m/T<sub>m</sub>&rceil;T<sub>m</sub>
 * &middot; &lceil;n/T<sub>n</sub>&rceil;T<sub>n</sub>) times wave quantization
 * tiles / (&lceil;tiles/U&rceil;&middot;U) over U compute units (NVIDIA, "Matrix Multiplication
 * Background User's Guide", §3). Small and skinny products thus get less than large ones, and a
 * GEMV (m = 1) uses 1/T<sub>m</sub> of the matrix units, which is harmless because it is
 * memory-bound anyway. A data type with a K-loop fill k<sub>0</sub> in {@link #matmulFillK()} is
 * further scaled by k/(k + k<sub>0</sub>): a tile's prologue and epilogue (loading the first
 * operands, writing the output) cost as much as k<sub>0</sub> steps of its main loop, the same
 * pipeline-fill form as the attention's key loop below. The defaults leave k<sub>0</sub> out (their
 * fractions come from MAMF at its best shapes, where k is large); a calibration fits it from
 * measured GEMMs of several depths.
 *
 * <h2>Attention</h2>
 * A fused attention kernel on the matrix units sustains {@link #attentionFraction()} of peak,
 * scaled by L/(L + {@link #attentionFillKeys()}) for L keys per query (the pipeline fill of the key
 * loop) and by the fill of its 128-query tiles. Decode kernels that split the keys over thread
 * blocks (FlashDecoding, vLLM's PagedAttention) run on the vector units instead, at
 * {@link #attentionFraction()} of their rate; the pricer takes the faster of the two paths.
 *
 * <h2>Memory, kernels, collectives</h2>
 * Device-memory traffic moves at {@link #memoryBandwidthFraction()} of the datasheet bandwidth.
 * Each kernel adds {@link #kernelOverheadSeconds()}. A collective inside a scale-up domain moves
 * its bus bytes at {@link #scaleUpBusFraction()} of the link's per-direction bandwidth and pays
 * {@link #scaleUpLatencySeconds()} once; across domains the same with the scale-out figures. A
 * collective listed in {@link #measuredCollectives()} is priced with its measured alpha-beta
 * parameters at that level instead (see {@link CollectiveParameters}).
 *
 * <p>Defaults per accelerator family, with their sources, are in {@link EfficiencyDefaults}.
 * Immutable and thread-safe.
 *
 * @param matmulFractions fraction of the matrix peak a compute unit sustains, per data type, in (0, 1.2]
 * @param defaultMatmulFraction the fraction for data types not in the map, in (0, 1.2]
 * @param tiles candidate GEMM output tiles; the best one for each shape is used
 * @param waveQuantization whether work is spread over the compute units in waves (GPUs)
 * @param attentionFraction fraction of the matrix peak a long fused attention sustains, in (0, 1.2]
 * @param attentionFillKeys the key-loop fill length L<sub>0</sub>, keys, &ge; 0
 * @param memoryBandwidthFraction achievable fraction of the memory bandwidth, in (0, 1.2]
 * @param kernelOverheadSeconds fixed cost per kernel, seconds, &ge; 0
 * @param scaleUpBusFraction achieved bus bandwidth of collectives in a scale-up domain over its per-direction link bandwidth, in (0, 1.5]
 * @param scaleOutBusFraction the same on the scale-out network, in (0, 1.5]
 * @param scaleUpLatencySeconds fixed cost of a collective in a scale-up domain, seconds, &ge; 0
 * @param scaleOutLatencySeconds fixed cost of a collective across domains, seconds, &ge; 0
 * @param source where the values come from
 * @param matmulFillK K-loop fill k<sub>0</sub> per data type, in elements of the reduction dimension, &ge; 0;
 *        a type not in the map has none
 * @param measuredCollectives measured alpha-beta parameters that replace the link-derived ones, at most one per
 *        collective and scope
 */
public record EfficiencyModel(
        Map<DataType, Double> matmulFractions,
        double defaultMatmulFraction,
        List<MatmulTile> tiles,
        boolean waveQuantization,
        double attentionFraction,
        double attentionFillKeys,
        double memoryBandwidthFraction,
        double kernelOverheadSeconds,
        double scaleUpBusFraction,
        double scaleOutBusFraction,
        double scaleUpLatencySeconds,
        double scaleOutLatencySeconds,
        String source,
        Map<DataType, Double> matmulFillK,
        List<CollectiveParameters> measuredCollectives) {

    /**
     * Validates the fractions and copies the collections.
     *
     * @throws IllegalArgumentException naming the field if a value is out of range
     */
    public EfficiencyModel {
        Checks.notNull("matmulFractions", matmulFractions);
        EnumMap<DataType, Double> copy = new EnumMap<>(DataType.class);
        matmulFractions.forEach((t, f) -> copy.put(Checks.notNull("matmulFractions key", t),
                Checks.inRange("matmulFractions." + t.name(), f, Double.MIN_NORMAL, 1.2)));
        matmulFractions = Collections.unmodifiableMap(copy);
        Checks.inRange("defaultMatmulFraction", defaultMatmulFraction, Double.MIN_NORMAL, 1.2);
        Checks.notNull("tiles", tiles);
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("tiles must list at least one tile");
        }
        tiles = List.copyOf(tiles);
        Checks.inRange("attentionFraction", attentionFraction, Double.MIN_NORMAL, 1.2);
        Checks.nonNegative("attentionFillKeys", attentionFillKeys);
        Checks.inRange("memoryBandwidthFraction", memoryBandwidthFraction, Double.MIN_NORMAL, 1.2);
        Checks.nonNegative("kernelOverheadSeconds", kernelOverheadSeconds);
        Checks.inRange("scaleUpBusFraction", scaleUpBusFraction, Double.MIN_NORMAL, 1.5);
        Checks.inRange("scaleOutBusFraction", scaleOutBusFraction, Double.MIN_NORMAL, 1.5);
        Checks.nonNegative("scaleUpLatencySeconds", scaleUpLatencySeconds);
        Checks.nonNegative("scaleOutLatencySeconds", scaleOutLatencySeconds);
        Checks.notBlank("source", source);
        Checks.notNull("matmulFillK", matmulFillK);
        EnumMap<DataType, Double> fills = new EnumMap<>(DataType.class);
        matmulFillK.forEach((t, k) -> fills.put(Checks.notNull("matmulFillK key", t),
                Checks.nonNegative("matmulFillK." + t.name(), Checks.notNull("matmulFillK." + t.name(), k))));
        matmulFillK = Collections.unmodifiableMap(fills);
        Checks.notNull("measuredCollectives", measuredCollectives);
        measuredCollectives = List.copyOf(measuredCollectives);
        for (int i = 0; i < measuredCollectives.size(); i++) {
            for (int j = 0; j < i; j++) {
                CollectiveParameters a = measuredCollectives.get(i);
                CollectiveParameters b = measuredCollectives.get(j);
                if (a.kind() == b.kind() && a.scope() == b.scope()) {
                    throw new IllegalArgumentException("measuredCollectives lists " + a.kind() + " " + a.scope()
                            + " twice; expected at most one entry per collective and scope");
                }
            }
        }
    }

    /**
     * Builds a model without K-loop fill terms and without measured collectives.
     *
     * @param matmulFractions fraction of the matrix peak a compute unit sustains, per data type, in (0, 1.2]
     * @param defaultMatmulFraction the fraction for data types not in the map, in (0, 1.2]
     * @param tiles candidate GEMM output tiles
     * @param waveQuantization whether work is spread over the compute units in waves
     * @param attentionFraction fraction of the matrix peak a long fused attention sustains, in (0, 1.2]
     * @param attentionFillKeys the key-loop fill length, keys, &ge; 0
     * @param memoryBandwidthFraction achievable fraction of the memory bandwidth, in (0, 1.2]
     * @param kernelOverheadSeconds fixed cost per kernel, seconds, &ge; 0
     * @param scaleUpBusFraction bus fraction in a scale-up domain, in (0, 1.5]
     * @param scaleOutBusFraction bus fraction on the scale-out network, in (0, 1.5]
     * @param scaleUpLatencySeconds fixed cost of a collective in a scale-up domain, seconds, &ge; 0
     * @param scaleOutLatencySeconds fixed cost of a collective across domains, seconds, &ge; 0
     * @param source where the values come from
     * @throws IllegalArgumentException naming the field if a value is out of range
     */
    public EfficiencyModel(Map<DataType, Double> matmulFractions, double defaultMatmulFraction, List<MatmulTile> tiles,
            boolean waveQuantization, double attentionFraction, double attentionFillKeys,
            double memoryBandwidthFraction, double kernelOverheadSeconds, double scaleUpBusFraction,
            double scaleOutBusFraction, double scaleUpLatencySeconds, double scaleOutLatencySeconds, String source) {
        this(matmulFractions, defaultMatmulFraction, tiles, waveQuantization, attentionFraction, attentionFillKeys,
                memoryBandwidthFraction, kernelOverheadSeconds, scaleUpBusFraction, scaleOutBusFraction,
                scaleUpLatencySeconds, scaleOutLatencySeconds, source, Map.of(), List.of());
    }

    /**
     * Returns the sustained fraction of the matrix peak for a data type.
     *
     * @param type the data type the math runs in
     * @return the fraction
     */
    public double matmulFraction(DataType type) {
        Double f = matmulFractions.get(type);
        return f != null ? f : defaultMatmulFraction;
    }

    /**
     * Returns the quantization efficiency of the best tile for a product shape.
     *
     * @param m output rows
     * @param n output columns
     * @param batch independent products
     * @param computeUnits the accelerator's compute units, or 0 when unknown (no wave quantization)
     * @return tile &times; wave efficiency of the best tile, in (0, 1]
     */
    public double quantizationEfficiency(long m, long n, long batch, int computeUnits) {
        if (m <= 0 || n <= 0 || batch <= 0) {
            return 1;
        }
        double best = 0;
        for (MatmulTile tile : tiles) {
            // a library may also compute the transposed product (swap A and B), putting the tile's
            // short side on the short dimension
            best = Math.max(best, tileEfficiency(m, n, batch, tile.rows(), tile.cols(), computeUnits));
            best = Math.max(best, tileEfficiency(n, m, batch, tile.rows(), tile.cols(), computeUnits));
        }
        return best;
    }

    private double tileEfficiency(long m, long n, long batch, int rows, int cols, int computeUnits) {
        long tm = (m + rows - 1) / rows;
        long tn = (n + cols - 1) / cols;
        double tileEfficiency = (double) m * n / ((double) tm * rows * tn * cols);
        double waveEfficiency = 1;
        if (waveQuantization && computeUnits > 0) {
            double count = (double) tm * tn * batch;
            double waves = Math.ceil(count / computeUnits);
            waveEfficiency = count / (waves * computeUnits);
        }
        return tileEfficiency * waveEfficiency;
    }

    /**
     * Returns the efficiency of a matrix product: the sustained fraction times the quantization
     * efficiency of its shape.
     *
     * @param type the data type of the math
     * @param m output rows
     * @param n output columns
     * @param batch independent products
     * @param computeUnits the accelerator's compute units, 0 when unknown
     * @return the fraction of the matrix peak achieved
     */
    public double matmulEfficiency(DataType type, long m, long n, long batch, int computeUnits) {
        return matmulFraction(type) * quantizationEfficiency(m, n, batch, computeUnits);
    }

    /**
     * Returns the efficiency of a matrix product of depth k: {@link #matmulEfficiency(DataType, long, long, long, int)}
     * times the K-loop fill k/(k + k<sub>0</sub>) of the data type (1 when it has no fill term).
     *
     * @param type the data type of the math
     * @param m output rows
     * @param n output columns
     * @param k the reduction depth, elements; 0 when unknown (no fill term)
     * @param batch independent products
     * @param computeUnits the accelerator's compute units, 0 when unknown
     * @return the fraction of the matrix peak achieved
     */
    public double matmulEfficiency(DataType type, long m, long n, long k, long batch, int computeUnits) {
        double efficiency = matmulEfficiency(type, m, n, batch, computeUnits);
        Double fill = matmulFillK.get(type);
        return fill == null || fill == 0 || k <= 0 ? efficiency : efficiency * k / (k + fill);
    }

    /**
     * Returns the measured parameters of a collective at a level, if the model has them.
     *
     * @param kind the collective
     * @param scope the level
     * @return the parameters, or null when the link-derived model applies
     */
    public CollectiveParameters measuredCollective(CollectiveKind kind, CollectiveParameters.Scope scope) {
        for (CollectiveParameters p : measuredCollectives) {
            if (p.kind() == kind && p.scope() == scope) {
                return p;
            }
        }
        return null;
    }

    /**
     * Returns the efficiency of a fused, causal attention on the matrix units: {@code queries} new
     * queries per sequence and {@code group} query heads per KV head, tiled
     * {@link #attentionQueryTile()} rows at a time (the heads of a group packed together, as
     * decode kernels do), each query seeing {@code keys} keys on average. Three factors: the key
     * loop's fill L/(L + L<sub>0</sub>); the fill of the query tiles; and the causal diagonal, where
     * a tile computes the keys of its last query for all its queries, (min(q, tile) &minus; 1)/2 keys
     * more than they need on average. The last factor, L/(L + that excess), reproduces
     * FlashAttention-2's and -3's causal-over-non-causal throughput ratios (0.66 to 0.95 from 512 to
     * 16k tokens) to within a few percent.
     *
     * @param queries new queries per sequence, &ge; 1
     * @param group query heads per KV head, &ge; 1
     * @param keys mean keys per query, &ge; 1
     * @return the fraction of the matrix peak achieved
     */
    public double attentionEfficiency(long queries, long group, double keys) {
        return attentionEfficiency(queries, group, keys, true);
    }

    /**
     * Returns the efficiency of a fused attention, causal or not (a non-causal attention has no
     * diagonal tiles); see {@link #attentionEfficiency(long, long, double)}.
     *
     * @param queries new queries per sequence, &ge; 1
     * @param group query heads per KV head, &ge; 1
     * @param keys mean keys per query, &ge; 1
     * @param causal whether a causal mask applies
     * @return the fraction of the matrix peak achieved
     */
    public double attentionEfficiency(long queries, long group, double keys, boolean causal) {
        double l = Math.max(1, keys);
        long q = Math.max(1, queries);
        long rows = q * Math.max(1, group);
        int tile = attentionQueryTile();
        double tileEfficiency = (double) rows / (((rows + tile - 1) / tile) * (double) tile);
        double diagonal = causal ? (Math.min(q, tile) - 1) / 2.0 : 0;
        return attentionFraction * l / (l + attentionFillKeys) * tileEfficiency * l / (l + diagonal);
    }

    /**
     * Returns the queries a fused attention kernel processes per tile.
     *
     * @return 128 (FlashAttention-2's forward block for head dimensions up to 128)
     */
    public int attentionQueryTile() {
        return 128;
    }

    /**
     * Returns a copy with another memory bandwidth fraction, as a calibration or what-if would.
     *
     * @param fraction achievable fraction of the memory bandwidth, in (0, 1.2]
     * @return the copy
     */
    public EfficiencyModel withMemoryBandwidthFraction(double fraction) {
        return new EfficiencyModel(matmulFractions, defaultMatmulFraction, tiles, waveQuantization, attentionFraction,
                attentionFillKeys, fraction, kernelOverheadSeconds, scaleUpBusFraction, scaleOutBusFraction,
                scaleUpLatencySeconds, scaleOutLatencySeconds, source + "; memory bandwidth fraction set to " + fraction,
                matmulFillK, measuredCollectives);
    }

    /**
     * Returns a copy with another fixed cost per kernel.
     *
     * @param seconds fixed cost per kernel, &ge; 0
     * @return the copy
     */
    public EfficiencyModel withKernelOverheadSeconds(double seconds) {
        return new EfficiencyModel(matmulFractions, defaultMatmulFraction, tiles, waveQuantization, attentionFraction,
                attentionFillKeys, memoryBandwidthFraction, seconds, scaleUpBusFraction, scaleOutBusFraction,
                scaleUpLatencySeconds, scaleOutLatencySeconds, source + "; kernel overhead set to " + seconds + " s",
                matmulFillK, measuredCollectives);
    }

    /**
     * Returns a copy with another sustained fraction and K-loop fill for one data type, as a calibration sets them.
     *
     * @param type the data type
     * @param fraction fraction of the matrix peak a compute unit sustains, in (0, 1.2]
     * @param fillK K-loop fill k<sub>0</sub>, elements, &ge; 0
     * @return the copy
     * @throws IllegalArgumentException naming the field if a value is out of range
     */
    public EfficiencyModel withMatmul(DataType type, double fraction, double fillK) {
        Checks.notNull("type", type);
        Map<DataType, Double> fractions = new EnumMap<>(DataType.class);
        fractions.putAll(matmulFractions);
        fractions.put(type, fraction);
        Map<DataType, Double> fills = new EnumMap<>(DataType.class);
        fills.putAll(matmulFillK);
        fills.put(type, fillK);
        return new EfficiencyModel(fractions, defaultMatmulFraction, tiles, waveQuantization, attentionFraction,
                attentionFillKeys, memoryBandwidthFraction, kernelOverheadSeconds, scaleUpBusFraction,
                scaleOutBusFraction, scaleUpLatencySeconds, scaleOutLatencySeconds, source, fills, measuredCollectives);
    }

    /**
     * Returns a copy whose listed collectives are priced with measured parameters; collectives already measured and
     * not listed keep theirs.
     *
     * @param collectives the measured parameters, at most one per collective and scope
     * @return the copy
     * @throws IllegalArgumentException if a collective and scope is listed twice
     */
    public EfficiencyModel withMeasuredCollectives(List<CollectiveParameters> collectives) {
        Checks.notNull("collectives", collectives);
        List<CollectiveParameters> merged = new ArrayList<>(collectives);
        for (CollectiveParameters p : measuredCollectives) {
            boolean replaced = false;
            for (CollectiveParameters q : collectives) {
                replaced |= q.kind() == p.kind() && q.scope() == p.scope();
            }
            if (!replaced) {
                merged.add(p);
            }
        }
        return new EfficiencyModel(matmulFractions, defaultMatmulFraction, tiles, waveQuantization, attentionFraction,
                attentionFillKeys, memoryBandwidthFraction, kernelOverheadSeconds, scaleUpBusFraction,
                scaleOutBusFraction, scaleUpLatencySeconds, scaleOutLatencySeconds, source, matmulFillK, merged);
    }

    /**
     * Returns a copy with another description of where the values come from.
     *
     * @param newSource the description
     * @return the copy
     */
    public EfficiencyModel withSource(String newSource) {
        return new EfficiencyModel(matmulFractions, defaultMatmulFraction, tiles, waveQuantization, attentionFraction,
                attentionFillKeys, memoryBandwidthFraction, kernelOverheadSeconds, scaleUpBusFraction,
                scaleOutBusFraction, scaleUpLatencySeconds, scaleOutLatencySeconds, newSource, matmulFillK,
                measuredCollectives);
    }

    /**
     * Returns an ideal model: every peak fully achieved, no tiles lost, no overheads. Pricing with
     * it gives the plain roofline lower bound.
     *
     * @return the ideal model
     */
    public static EfficiencyModel ideal() {
        return new EfficiencyModel(Map.of(), 1.0, List.of(new MatmulTile(1, 1)), false, 1.0, 0, 1.0, 0, 1.0, 1.0, 0, 0,
                "ideal: the datasheet peaks, no overheads");
    }
}
