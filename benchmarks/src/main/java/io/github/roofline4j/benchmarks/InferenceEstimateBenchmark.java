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
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.Pricer;
import io.github.roofline4j.workload.LayerOptions;
import io.github.roofline4j.workload.StepShape;
import io.github.roofline4j.workload.TransformerStep;
import io.github.roofline4j.workload.Workload;

/**
 * One full serving estimate (prefill, decode steps over the growing context, memory, table), and the
 * pricing of one prebuilt decode workload (the allocation-free hot path a search repeats).
 *
 * <p>Run: {@code mvn -B -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar InferenceEstimate}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InferenceEstimateBenchmark {

    @Param({"llama-3.1-8b", "llama-3.1-70b", "deepseek-v3"})
    private String model;

    private TransformerSpec spec;
    private Accelerator h100;
    private ServingPlan plan;
    private Pricer pricer;
    private Workload decode;

    /** Resolves the inputs once. */
    @Setup
    public void setUp() {
        spec = Models.get(model);
        h100 = HardwareCatalog.builtIn().get("h100-sxm");
        plan = ServingPlan.builder().tensorParallel(8).batch(16).promptTokens(2048).outputTokens(512).build();
        pricer = new Pricer(h100, EfficiencyDefaults.forAccelerator(h100));
        decode = TransformerStep.build(spec, LayerOptions.singleDevice(), StepShape.decode(16, 2048));
    }

    /**
     * A whole estimate.
     *
     * @return the estimate, consumed by JMH
     */
    @Benchmark
    public InferenceEstimate estimate() {
        return InferenceEstimator.estimate(spec, h100, plan);
    }

    /**
     * Pricing a prebuilt decode step.
     *
     * @return seconds, consumed by JMH
     */
    @Benchmark
    public double priceDecodeStep() {
        return pricer.seconds(decode);
    }
}
