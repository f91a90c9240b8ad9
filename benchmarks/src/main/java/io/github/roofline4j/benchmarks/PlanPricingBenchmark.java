package io.github.roofline4j.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.memory.TrainingMemory;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.RankLayout;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.training.PipelineStages;
import io.github.roofline4j.training.StepModel;

/**
 * The search's inner loop: one plan priced in full (memory of every stage run, the pipeline,
 * the data-parallel collectives, the optimizer) on a layer plan priced beforehand, and the
 * pricing of one layer plan (the per-layer passes the search shares between plans). GPT-3 175B on
 * 4,096 A100, TP 8, PP 8 with 2 virtual stages, DP 64, ZeRO-1, micro-batch 1.
 *
 * <p>Run: {@code mvn -B -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar PlanPricing}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlanPricingBenchmark {

    private TransformerSpec spec;
    private ClusterSpec cluster;
    private ParallelPlan plan;
    private RankLayout layout;
    private StepModel model;
    private PipelineStages stages;
    private StepModel.Groups groups;
    private long available;
    private final double[] out = new double[StepModel.RESULT_LENGTH];

    /** Prices the layer plan once. */
    @Setup
    public void setUp() {
        spec = Models.get("gpt-3-175b");
        cluster = ClusterSpec.of(HardwareCatalog.builtIn().get("a100-sxm-80gb"), 4096);
        plan = ParallelPlan.builder().tensorParallel(8).sequenceParallel(true).pipelineParallel(8).virtualStages(2)
                .dataParallel(64).zero(ZeroStage.OPTIMIZER).microBatchSize(1).globalBatchSize(1536).sequenceTokens(2048)
                .recompute(Recompute.SELECTIVE).build();
        layout = RankLayout.of(plan, cluster.scaleUpDomainDevices(), cluster.devicesPerNode());
        model = StepModel.of(spec, cluster, EfficiencyDefaults.forAccelerator(cluster.accelerator()), plan, layout);
        stages = PipelineStages.of(spec, plan, layout);
        groups = StepModel.groups(layout, false);
        available = TrainingMemory.availableBytes(cluster.accelerator().memoryBytes(), 0.95);
    }

    /**
     * One plan priced in full, no cutoff.
     *
     * @return the step seconds
     */
    @Benchmark
    public double pricePlan() {
        model.evaluate(stages, 2, plan.microBatches(), 1, groups, Offload.NONE, available, true, Double.POSITIVE_INFINITY,
                out);
        return out[StepModel.STEP];
    }

    /**
     * One layer plan: the forward and backward passes of each layer kind, the embedding and the head.
     *
     * @return the model
     */
    @Benchmark
    public StepModel priceLayerPlan() {
        return StepModel.of(spec, cluster, EfficiencyDefaults.forAccelerator(cluster.accelerator()), plan, layout);
    }
}
