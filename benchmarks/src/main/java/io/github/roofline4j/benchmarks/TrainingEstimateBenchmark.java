package io.github.roofline4j.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;

/**
 * One whole training estimate (workloads of every pipeline stage, forward and backward, their pricing,
 * memory, data-parallel collectives and the operation table), the unit a plan search repeats.
 *
 * <p>Run: {@code mvn -B -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar TrainingEstimate}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrainingEstimateBenchmark {

    @Param({"llama-3.1-8b", "llama-3.1-70b", "mixtral-8x7b"})
    private String model;

    private TransformerSpec spec;
    private ClusterSpec cluster;
    private ParallelPlan plan;

    /** Resolves the inputs once: 64 H100 in DGX nodes, TP8 with SP, PP2, DP4, ZeRO-1. */
    @Setup
    public void setUp() {
        spec = Models.get(model);
        cluster = HardwareCatalog.builtIn().cluster("dgx-h100").withNodeCount(8);
        plan = ParallelPlan.builder().tensorParallel(8).sequenceParallel(true).pipelineParallel(2).dataParallel(4)
                .zero(ZeroStage.OPTIMIZER).microBatchSize(1).globalBatchSize(512).sequenceTokens(4096)
                .recompute(Recompute.SELECTIVE).build();
    }

    /**
     * A whole estimate.
     *
     * @return the estimate, consumed by JMH
     */
    @Benchmark
    public TrainingEstimate estimate() {
        return TrainingEstimator.estimate(spec, cluster, plan, null);
    }
}
