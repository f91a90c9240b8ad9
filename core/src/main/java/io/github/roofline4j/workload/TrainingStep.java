package io.github.roofline4j.workload;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.support.Checks;

/**
 * Builds the forward and backward passes of one training micro-batch on one pipeline stage, from
 * the same per-layer operations serving uses ({@link TransformerStep}).
 *
 * <p>The backward pass mirrors the forward one (Narayanan et al. 2021 §3.2; the 2 : 1 ratio of
 * Kaplan et al. 2020 §2.1):
 * <ul>
 * <li>each matrix product (m &times; k)(k &times; n) becomes two of the same FLOPs: the input gradient
 *     (m &times; n)(n &times; k), reading the weights and the output gradient, and the weight gradient
 *     (k &times; m)(m &times; n), reading the input and the output gradient and writing the 16-bit
 *     weight gradient (read and written again to accumulate it over micro-batches);</li>
 * <li>a fused attention's backward does 2.5 times its forward FLOPs (FlashAttention-2 recomputes the
 *     scores; Dao 2023 §3.1.2) and moves twice its bytes;</li>
 * <li>norms, elementwise work and embeddings read their input and output gradient and write the input
 *     gradient: twice their forward traffic and FLOPs;</li>
 * <li>every collective of a layer has its conjugate (an all-reduce in the backward of each forward
 *     all-reduce; all-gather and reduce-scatter swap under sequence parallelism), and every pipeline
 *     send its gradient send. Outside the layers (Megatron-LM's vocabulary-parallel embedding and
 *     head): the embedding's forward all-reduce and the loss's reductions need nothing backward,
 *     the sequence-parallel gathers and scatters swap, and without sequence parallelism the head's
 *     input gradient is all-reduced over the TP ranks.</li>
 * </ul>
 * Selective recomputation (Korthikanti et al. 2022) runs each layer's attention core forward again
 * in the backward pass; full recomputation runs the whole layer forward again, collectives included.
 * Context parallelism adds, per layer, an all-gather of the other ranks' keys and values in the
 * forward pass and, in the backward pass, a reduce-scatter of their gradients and (unless full
 * recomputation already gathers them) the all-gather again, since only the local keys and values
 * were kept (Megatron-Core's all-gather context parallelism); priced without overlap.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrainingStep {

    /** FlashAttention-2's backward FLOPs over its forward FLOPs (5 matrix products against 2). */
    public static final double ATTENTION_BACKWARD_RATIO = 2.5;

    private TrainingStep() {
    }

    /**
     * The two passes of a micro-batch.
     *
     * @param forward the forward pass
     * @param backward the backward pass, recomputation included
     */
    public record Passes(Workload forward, Workload backward) {
    }

    /**
     * Builds the passes of one micro-batch on one stage.
     *
     * @param spec the model
     * @param options formats, TP (with SP), EP and kernels
     * @param shape the micro-batch, from {@link StepShape#training(long, long, int)}
     * @param stage the stage's layers
     * @param recompute activation recomputation
     * @param contextParallel CP degree, &ge; 1
     * @param contextParallelRanksPerDomain CP ranks per scale-up domain
     * @return the passes
     */
    public static Passes build(TransformerSpec spec, LayerOptions options, StepShape shape, TransformerStep.Stage stage,
            Recompute recompute, int contextParallel, int contextParallelRanksPerDomain) {
        Checks.notNull("recompute", recompute);
        Checks.positive("contextParallel", contextParallel);
        Workload forward = TransformerStep.build(spec, options, shape, stage, "forward");
        double a = options.activationStorageType().bytesPerElement();
        List<Block> fwd = new ArrayList<>();
        Operation kvGather = null;
        if (contextParallel > 1) {
            double kv = shape.batch() * (double) shape.queryTokens() * contextParallel
                    * TransformerStep.kvBytesPerTokenPerLayer(spec, options.withoutKvQuantization());
            kvGather = Operation.communication("cp_kv_all_gather", options.activationStorageType(),
                    new Communication(CollectiveKind.ALL_GATHER, kv, contextParallel, contextParallelRanksPerDomain));
        }
        for (Block b : forward.blocks()) {
            if (kvGather != null && b.name().contains("layer")) {
                List<Operation> ops = new ArrayList<>(b.operations());
                ops.add(kvGather);
                fwd.add(new Block(b.name(), ops, b.repeat()));
            } else {
                fwd.add(b);
            }
        }
        List<Block> bwd = new ArrayList<>();
        for (int i = fwd.size() - 1; i >= 0; i--) {
            Block b = fwd.get(i);
            boolean layer = b.name().contains("layer");
            List<Operation> ops = new ArrayList<>();
            if (layer && recompute == Recompute.FULL) {
                for (Operation op : b.operations()) {
                    ops.add(rename(op, op.name() + "_recompute"));
                }
            } else if (layer && recompute == Recompute.SELECTIVE) {
                for (Operation op : b.operations()) {
                    if (op.kind() == OperationKind.ATTENTION || op.name().startsWith("attention_scores")
                            || op.name().startsWith("attention_softmax") || op.name().startsWith("attention_values")) {
                        ops.add(rename(op, op.name() + "_recompute"));
                    }
                }
            }
            if (layer && kvGather != null && recompute != Recompute.FULL) {
                // only the local K/V were kept: gathered again for the backward pass (full recomputation did above)
                ops.add(rename(kvGather, "cp_kv_all_gather_again"));
            }
            List<Operation> forwardOps = b.operations();
            for (int j = forwardOps.size() - 1; j >= 0; j--) {
                Operation op = forwardOps.get(j);
                if (layer || op.kind() != OperationKind.COLLECTIVE) {
                    backward(op, a, ops);
                } else if (op.communication().kind() != CollectiveKind.ALL_REDUCE) {
                    // outside the layers only the sequence-parallel gathers and scatters mirror; the embedding's
                    // all-reduce and the loss's reductions need nothing backward
                    backward(op, a, ops);
                }
                if (!layer && op.name().equals("lm_head") && options.tensorParallel() > 1 && !options.sequenceParallel()) {
                    // the column-parallel head's input gradient is summed over the TP ranks (Megatron's f operator)
                    ops.add(Operation.communication("lm_head_input_grad_all_reduce", op.dataType(),
                            new Communication(CollectiveKind.ALL_REDUCE, op.m() * (double) op.k() * a,
                                    options.tensorParallel(), options.tensorParallelRanksPerDomain())));
                }
            }
            bwd.add(new Block(b.name(), ops, b.repeat()));
        }
        return new Passes(new Workload("forward", fwd), new Workload("backward", bwd));
    }

    private static void backward(Operation op, double a, List<Operation> out) {
        switch (op.kind()) {
            case MATMUL -> {
                long m = op.m();
                long n = op.n();
                long k = op.k();
                long batch = op.batch();
                double input = m * (double) k * a * batch;
                double output = m * (double) n * a * batch;
                double weights = Math.max(0, op.bytesRead() - input);
                double gradient = Math.min(weights, n * (double) k * 2 * batch);
                out.add(new Operation(op.name() + "_dgrad", OperationKind.MATMUL, op.dataType(), op.flops(),
                        weights + output, input, m, k, n, batch, null));
                out.add(new Operation(op.name() + "_wgrad", OperationKind.MATMUL, op.dataType(), op.flops(),
                        input + output + gradient, gradient, n, k, m, batch, null));
            }
            case ATTENTION -> out.add(new Operation(op.name() + "_backward", OperationKind.ATTENTION, op.dataType(),
                    ATTENTION_BACKWARD_RATIO * op.flops(), 2 * op.bytesRead(), 2 * op.bytesWritten(), op.m(), op.n(),
                    op.k(), op.batch(), null));
            case ELEMENTWISE, NORM, EMBEDDING -> out.add(new Operation(op.name() + "_backward", op.kind(), op.dataType(),
                    2 * op.flops(), op.bytesRead() + op.bytesWritten(), op.bytesRead(), 0, 0, 0, 0, null));
            case COLLECTIVE, TRANSFER -> {
                Communication c = op.communication();
                CollectiveKind kind = switch (c.kind()) {
                    case ALL_GATHER -> CollectiveKind.REDUCE_SCATTER;
                    case REDUCE_SCATTER -> CollectiveKind.ALL_GATHER;
                    default -> c.kind();
                };
                out.add(Operation.communication(op.name() + "_backward", op.dataType(),
                        new Communication(kind, c.bytes(), c.groupSize(), c.ranksPerDomain())));
            }
        }
    }

    private static Operation rename(Operation op, String name) {
        return new Operation(name, op.kind(), op.dataType(), op.flops(), op.bytesRead(), op.bytesWritten(), op.m(),
                op.n(), op.k(), op.batch(), op.communication());
    }
}
