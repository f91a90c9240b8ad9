package io.github.roofline4j.cli;


import io.github.roofline4j.json.Devices;
import io.github.roofline4j.json.ModelSource;
import io.github.roofline4j.json.TrainingPlanSpec;
import io.github.roofline4j.json.TrainingRequest;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.parallel.Placement;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roofline4j training}: training estimates. */
@Command(name = "training",
        mixinStandardHelpOptions = true,
        description = "Estimate training a model: step time, MFU, memory per device, and the time and cost of a run.")
final class TrainingCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private Target target;

    @Mixin
    private Calibrated calibrated;

    @Option(names = "--gpus", paramLabel = "N", description = "Devices (with --hardware; with --cluster, resizes the preset).")
    private Integer gpus;

    @Option(names = "--tp", paramLabel = "N", defaultValue = "1", description = "Tensor parallelism (default: ${DEFAULT-VALUE}).")
    private int tp;

    @Option(names = "--pp", paramLabel = "N", defaultValue = "1", description = "Pipeline stages (default: ${DEFAULT-VALUE}).")
    private int pp;

    @Option(names = "--dp", paramLabel = "N", description = "Data parallelism (default: devices / (tp x pp x cp)).")
    private Integer dp;

    @Option(names = "--cp", paramLabel = "N", defaultValue = "1", description = "Context parallelism (default: ${DEFAULT-VALUE}).")
    private int cp;

    @Option(names = "--ep", paramLabel = "N", defaultValue = "1", description = "Expert parallelism (default: ${DEFAULT-VALUE}).")
    private int ep;

    @Option(names = "--virtual-stages", paramLabel = "V", defaultValue = "1", description = "Interleaved chunks per pipeline stage (default: ${DEFAULT-VALUE}).")
    private int virtualStages;

    @Option(names = "--uneven-pipeline", description = "Allow pipeline stages with unequal layer counts when --pp does not divide the layers (1F1B).")
    private boolean unevenPipeline;

    @Option(names = "--placement", paramLabel = "ORDER", defaultValue = "tp-cp-dp-pp", description = "The order of the parallel dimensions over the ranks, innermost first: tp-cp-dp-pp, tp-dp-cp-pp, tp-cp-pp-dp, tp-pp-cp-dp, tp-pp-dp-cp or tp-dp-pp-cp (default: ${DEFAULT-VALUE}).")
    private String placement;

    @Option(names = "--sequence-parallel", description = "Sequence parallelism with tensor parallelism.")
    private boolean sequenceParallel;

    @Option(names = "--micro-batch", paramLabel = "B", defaultValue = "1", description = "Sequences per micro-batch (default: ${DEFAULT-VALUE}).")
    private int microBatch;

    @Option(names = "--global-batch", paramLabel = "B", description = "Sequences per step (default: micro-batch x dp).")
    private Integer globalBatch;

    @Option(names = "--seq", paramLabel = "S", description = "Tokens per sequence (default: 2048, or the model's maximum if shorter).")
    private Long seq;

    @Option(names = "--recompute", paramLabel = "MODE", defaultValue = "none", description = "none, selective or full (default: ${DEFAULT-VALUE}).")
    private String recompute;

    @Option(names = "--zero", paramLabel = "Z", defaultValue = "0", description = "ZeRO stage 0, 1, 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int zero;

    @Option(names = "--hybrid-sharding", description = "Shard ZeRO states within a node only (FSDP HYBRID_SHARD).")
    private boolean hybrid;

    @Mixin
    private TrainingFormats formats;

    @Option(names = "--offload", paramLabel = "WHAT", defaultValue = "none", description = "none, optimizer or all (default: ${DEFAULT-VALUE}).")
    private String offload;

    @Option(names = "--tokens", paramLabel = "T", description = "Train on this many tokens: time, device-hours, cost, energy.")
    private Double tokens;

    @Option(names = "--price-per-gpu-hour", paramLabel = "P", description = "Dollars per device-hour (with --tokens).")
    private Double price;

    @Mixin
    private EstimateOutput output;

    @Override
    public void run() {
        TrainingRequest request = request();
        TrainingEstimate e = request.evaluate(Target.resolver());
        output.print(spec.commandLine().getOut(), e, e.table(), request.devices(),
                request.plan().precision().matmulType(), e.operations());
    }

    /**
     * Builds the request the flags describe, the same the JSON API reads.
     *
     * @return the request
     */
    TrainingRequest request() {
        ModelSource model = target.modelSource();
        boolean byHardware = target.byHardware("--hardware (with --gpus)");
        if (byHardware && gpus == null) {
            throw new IllegalArgumentException("--hardware needs --gpus N");
        }
        Devices devices = target.devices("--hardware (with --gpus)", gpus);
        TrainingPlanSpec plan = TrainingPlanSpec.builder().tensorParallel(tp).pipelineParallel(pp).dataParallel(dp)
                .contextParallel(cp).expertParallel(ep).virtualStages(virtualStages).sequenceParallel(sequenceParallel)
                .microBatchSize(microBatch).globalBatchSize(globalBatch).sequenceTokens(seq)
                .recompute(Options.choice("--recompute", recompute, Recompute.class))
                .zero(ZeroStage.of(zero)).hybridSharding(hybrid)
                .precision(formats.precision()).optimizer(formats.optimizer())
                .offload(TrainingPlanSpec.offload("--offload", offload))
                .flashAttention(formats.flashAttention()).dropout(formats.dropout()).unevenPipeline(unevenPipeline)
                .placement(Options.parse("--placement", placement, Placement::parse)).build();
        if (price != null && tokens == null) {
            throw new IllegalArgumentException("--price-per-gpu-hour needs --tokens");
        }
        TrainingEstimator.Budget budget = tokens == null ? null : new TrainingEstimator.Budget(tokens, price);
        return new TrainingRequest(null, model, devices, plan, budget, calibrated.profile());
    }
}
