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
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.search.Objective;
import io.github.roofline4j.search.SearchListener;
import io.github.roofline4j.search.SearchSpace;
import io.github.roofline4j.search.TrainingSearch;
import io.github.roofline4j.search.TrainingSearchResult;

/**
 * Whole plan searches with the default space on every core: GPT-3 175B on 4,096 A100 (global batch
 * 1,536 sequences of 2,048 tokens, as in Narayanan et al. 2021) and Llama 3.1 405B on 16,384 H100
 * (2,048 sequences of 8,192 tokens: Llama 3's 16M-token batch). Divide the result's
 * {@code enumerated()} by the time for plans per second.
 *
 * <p>Run: {@code mvn -B -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar TrainingSearch}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingSearchBenchmark {

    @Param({"gpt-3-175b/a100-sxm-80gb/4096/1536/2048", "llama-3.1-405b/h100-sxm/16384/2048/8192"})
    private String scenario;

    private TransformerSpec spec;
    private ClusterSpec cluster;
    private SearchSpace space;

    /** Resolves the model, the cluster and the space once. */
    @Setup
    public void setUp() {
        String[] p = scenario.split("/");
        spec = Models.get(p[0]);
        cluster = ClusterSpec.of(HardwareCatalog.builtIn().get(p[1]), Integer.parseInt(p[2]));
        space = SearchSpace.builder(Integer.parseInt(p[3]), Long.parseLong(p[4])).build();
    }

    /**
     * One whole search, top 10.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public TrainingSearchResult search() {
        return TrainingSearch.run(spec, cluster, space, Objective.TIME, 10, SearchListener.NONE);
    }
}
