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
import io.github.roofline4j.hardware.ComputePath;
import io.github.roofline4j.hardware.DataType;

/**
 * Resolving the compute path (native or upcast, and its peak) of a data type on an accelerator,
 * a step every priced operation depends on.
 *
 * <p>Run: {@code mvn -B -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar ComputePath}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ComputePathBenchmark {

    @Param({"h100-sxm", "a100-sxm-80gb", "mi300x"})
    private String accelerator;

    @Param({"BF16", "FP8_E4M3", "NVFP4"})
    private DataType type;

    private Accelerator device;

    /** Looks the accelerator up once. */
    @Setup
    public void setUp() {
        device = HardwareCatalog.builtIn().get(accelerator);
    }

    /**
     * Resolves the compute path.
     *
     * @return the path, consumed by JMH
     */
    @Benchmark
    public ComputePath computePath() {
        return device.computePath(type);
    }

    /**
     * Looks an accelerator up by alias.
     *
     * @return the accelerator, consumed by JMH
     */
    @Benchmark
    public Accelerator lookup() {
        return HardwareCatalog.builtIn().get(accelerator);
    }
}
