package io.github.roofline4j.cli;


import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.json.Devices;
import io.github.roofline4j.json.InferenceRequest;
import io.github.roofline4j.json.ModelSource;
import io.github.roofline4j.json.SpeculationSpec;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.workload.AttentionKernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roofline4j inference}: serving estimates. */
@Command(name = "inference",
        mixinStandardHelpOptions = true,
        description = "Estimate serving a model: memory, time to first token, time per output token, throughput.")
final class InferenceCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private Target target;

    @Mixin
    private Calibrated calibrated;

    @Option(names = "--tp", paramLabel = "N", defaultValue = "1", description = "Tensor-parallel degree (default: ${DEFAULT-VALUE}).")
    private int tp;

    @Option(names = "--pp", paramLabel = "N", defaultValue = "1", description = "Pipeline stages (default: ${DEFAULT-VALUE}).")
    private int pp;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "Concurrent sequences (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--prompt-tokens", paramLabel = "P", defaultValue = "512", description = "Prompt tokens per sequence (default: ${DEFAULT-VALUE}).")
    private long promptTokens;

    @Option(names = "--output-tokens", paramLabel = "O", defaultValue = "128", description = "Output tokens per sequence (default: ${DEFAULT-VALUE}).")
    private long outputTokens;

    @Option(names = "--weights", paramLabel = "FORMAT", defaultValue = "bf16",
            description = "Weight format: fp32, bf16, fp16, fp8, fp8-channel, fp8-block, int8, int4 (group 128), int4-gN, nvfp4, mxfp4 (default: ${DEFAULT-VALUE}).")
    private String weights;

    @Option(names = "--activations", paramLabel = "FORMAT", defaultValue = "bf16",
            description = "Activation format: fp32, bf16, fp16, fp8, int8, nvfp4, mxfp4 (default: ${DEFAULT-VALUE}).")
    private String activations;

    @Option(names = "--kv", paramLabel = "FORMAT",
            description = "KV-cache format: fp32, bf16, fp16, fp8, int8, int4 (default: the activation format, or bf16).")
    private String kv;

    @Option(names = "--draft", paramLabel = "MODEL",
            description = "Speculative decoding with this draft model (a preset or config.json), or 'self' for the model's multi-token-prediction module.")
    private String draft;

    @Option(names = "--speculate", paramLabel = "K", description = "Tokens the draft proposes per step (with --draft; default 4).")
    private Integer speculate;

    @Option(names = "--acceptance", paramLabel = "A", description = "Probability each proposed token is accepted, 0..1 (with --draft; default 0.7).")
    private Double acceptance;

    @Option(names = "--memory-utilization", paramLabel = "F", defaultValue = "0.9",
            description = "Fraction of device memory the server may use (default: ${DEFAULT-VALUE}, as vLLM).")
    private double memoryUtilization;

    @Option(names = "--unfused-attention", description = "Price attention as three unfused kernels instead of FlashAttention.")
    private boolean unfused;

    @Mixin
    private EstimateOutput output;

    @Override
    public void run() {
        InferenceRequest request = request();
        InferenceEstimate estimate = request.evaluate(Target.resolver());
        output.print(spec.commandLine().getOut(), estimate, estimate.table(), request.devices(),
                request.plan().precision().computeType(), estimate.operations());
    }

    /**
     * Builds the request the flags describe, the same the JSON API reads.
     *
     * @return the request
     */
    InferenceRequest request() {
        ModelSource model = target.modelSource();
        Devices devices = target.devices("--hardware", null);
        WeightFormat w = Options.parse("--weights", weights, WeightFormat::parse);
        DataType a = Options.dataType("--activations", activations);
        KvFormat k = kv != null ? Options.parse("--kv", kv, KvFormat::parse) : KvFormat.forActivations(a);
        Precision precision;
        try {
            precision = new Precision(w, a, k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--weights/--activations: " + e.getMessage());
        }
        SpeculationSpec speculation = null;
        if (draft != null) {
            speculation = new SpeculationSpec(draft.equalsIgnoreCase("self") ? null : ModelSource.parse(draft),
                    speculate != null ? speculate : SpeculationSpec.DEFAULT_PROPOSED_TOKENS,
                    acceptance != null ? acceptance : SpeculationSpec.DEFAULT_ACCEPTANCE_RATE);
        } else if (speculate != null || acceptance != null) {
            throw new IllegalArgumentException("--speculate and --acceptance need --draft MODEL (or --draft self)");
        }
        ServingPlan plan = ServingPlan.builder().precision(precision).tensorParallel(tp).pipelineParallel(pp).batch(batch)
                .promptTokens(promptTokens).outputTokens(outputTokens).memoryUtilization(memoryUtilization)
                .attentionKernel(unfused ? AttentionKernel.UNFUSED : AttentionKernel.FUSED).build();
        return new InferenceRequest(null, model, devices, plan, speculation, calibrated.profile());
    }
}
