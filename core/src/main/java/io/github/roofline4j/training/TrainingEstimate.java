package io.github.roofline4j.training;

import java.util.List;
import java.util.Locale;

import io.github.roofline4j.inference.OperationRow;
import io.github.roofline4j.support.Report;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;

/**
 * What a training step costs: time and its parts, throughput, MFU and HFU, memory per device,
 * and, with a token budget, the time, GPU-hours, cost and energy of the run.
 *
 * <p>MFU counts the model FLOPs a causal model needs (forward and backward, 3 &times; the
 * forward FLOPs with causal attention) over the devices' dense peak in the matmul data type; HFU
 * also counts recomputed FLOPs; both are at most 1. {@code achievedFlopsPerSecondPerGpu} is those
 * hardware FLOPs per second per device. Published figures often count attention without causal
 * savings (PaLM's 6N + 12&middot;L&middot;H&middot;Q&middot;T, Chowdhery et al. 2022 App. B;
 * Megatron-LM's eq. 3) and so read higher at long sequences: to compare, divide their FLOPs
 * ({@code TransformerSpec.trainingFlopsPerToken} with {@code AttentionMask.FULL}) by
 * {@code stepSeconds}. The step is {@code pipelineSeconds} (which includes {@code bubbleSeconds})
 * + {@code dataParallelSeconds} + {@code optimizerSeconds} + {@code offloadSeconds}. Record components are the JSON keys of
 * {@code roofline4j training --json}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param model the model's name
 * @param accelerator the accelerator's id
 * @param devices devices used
 * @param plan the plan, as text
 * @param microBatches micro-batches per pipeline per step
 * @param stepSeconds time of one optimizer step
 * @param pipelineSeconds the forward and backward passes through the pipeline, bubble included
 * @param bubbleSeconds the part of the pipeline time lost to its fill and drain
 * @param dataParallelSeconds gradient reduction and parameter gathers not hidden behind computation
 * @param optimizerSeconds the optimizer update
 * @param offloadSeconds host transfers of offloaded states not hidden
 * @param tokensPerSecond tokens trained per second
 * @param modelFlopsPerStep model FLOPs of the step (all devices)
 * @param hardwareFlopsPerStep model plus recomputed FLOPs of the step
 * @param mfu model FLOPs utilization, in (0, 1]
 * @param hfu hardware FLOPs utilization, in [mfu, 1]
 * @param achievedFlopsPerSecondPerGpu hardware FLOPs per second per device
 * @param modelFlopsPerSecondPerGpu model FLOPs per second per device
 * @param memoryPerGpuBytes the memory of the most loaded device, by part
 * @param fits whether it fits
 * @param violations what does not fit, needed versus available
 * @param pipelineBubbleFraction bubbleSeconds / stepSeconds
 * @param communicationSeconds time in collectives and transfers on the critical path
 * @param trainingTokens the token budget, or null
 * @param trainingSeconds time to train on the budget, or null
 * @param gpuHours device-hours for the budget, or null
 * @param costDollars device-hours times the price, or null
 * @param energyJoules devices &times; TDP &times; time (every device drawing its TDP), or null
 * @param operations the first stage's operations for one micro-batch, forward and backward
 * @param assumptions the assumptions behind the figures
 */
public record TrainingEstimate(
        String model,
        String accelerator,
        int devices,
        String plan,
        int microBatches,
        double stepSeconds,
        double pipelineSeconds,
        double bubbleSeconds,
        double dataParallelSeconds,
        double optimizerSeconds,
        double offloadSeconds,
        double tokensPerSecond,
        double modelFlopsPerStep,
        double hardwareFlopsPerStep,
        double mfu,
        double hfu,
        double achievedFlopsPerSecondPerGpu,
        double modelFlopsPerSecondPerGpu,
        MemoryParts memoryPerGpuBytes,
        boolean fits,
        List<String> violations,
        double pipelineBubbleFraction,
        double communicationSeconds,
        Double trainingTokens,
        Double trainingSeconds,
        Double gpuHours,
        Double costDollars,
        Double energyJoules,
        List<OperationRow> operations,
        List<String> assumptions) {

    /**
     * Copies the lists.
     */
    public TrainingEstimate {
        violations = List.copyOf(violations);
        operations = List.copyOf(operations);
        assumptions = List.copyOf(assumptions);
    }

    @Override
    public String toString() {
        return model + " on " + devices + " x " + accelerator + " (" + plan + "): " + UnitFormat.seconds(stepSeconds)
                + " per step, " + UnitFormat.number(tokensPerSecond) + " tokens/s, MFU " + UnitFormat.percent(mfu) + ", "
                + (fits ? "fits in " + UnitFormat.binaryBytes(memoryPerGpuBytes.total()) + " per device"
                        : "does not fit: " + String.join("; ", violations));
    }

    /**
     * Renders the summary, the step's parts, the memory and the per-operation table as text.
     *
     * @return the text
     */
    public String table() {
        return report().text();
    }

    /**
     * Renders the same as {@link #table()} as HTML, for notebooks.
     *
     * @return an HTML fragment
     */
    public String toHtml() {
        return report().html();
    }

    private Report report() {
        Report r = new Report().line(model + " on " + devices + " x " + accelerator)
                .line(plan + ", " + microBatches + " micro-batches per step").gap();
        TextTable t = TextTable.withHeader("figure", "value");
        t.row("step", UnitFormat.seconds(stepSeconds) + " (pipeline " + UnitFormat.seconds(pipelineSeconds)
                + " of which bubble " + UnitFormat.seconds(bubbleSeconds) + ", data-parallel "
                + UnitFormat.seconds(dataParallelSeconds) + ", optimizer " + UnitFormat.seconds(optimizerSeconds)
                + (offloadSeconds > 0 ? ", offload " + UnitFormat.seconds(offloadSeconds) : "") + ")");
        t.row("throughput", UnitFormat.number(tokensPerSecond) + " tokens/s");
        t.row("MFU / HFU", UnitFormat.percent(mfu) + " / " + UnitFormat.percent(hfu));
        t.row("achieved per device", UnitFormat.flopsPerSecond(achievedFlopsPerSecondPerGpu) + " hardware, "
                + UnitFormat.flopsPerSecond(modelFlopsPerSecondPerGpu) + " model");
        t.row("pipeline bubble", UnitFormat.percent(pipelineBubbleFraction));
        t.row("communication", UnitFormat.seconds(communicationSeconds) + " on the critical path");
        MemoryParts m = memoryPerGpuBytes;
        t.row("memory per device", UnitFormat.binaryBytes(m.total()) + " of " + UnitFormat.binaryBytes(m.available())
                + " (weights " + UnitFormat.binaryBytes(m.weights()) + ", gradients " + UnitFormat.binaryBytes(m.gradients())
                + ", optimizer " + UnitFormat.binaryBytes(m.optimizer()) + ", activations "
                + UnitFormat.binaryBytes(m.activations()) + ", buffers " + UnitFormat.binaryBytes(m.buffers()) + ")");
        t.row("fits", fits ? "yes" : "no: " + String.join("; ", violations));
        if (trainingSeconds != null) {
            t.row("training " + UnitFormat.count(trainingTokens) + " tokens", UnitFormat.seconds(trainingSeconds) + ", "
                    + String.format(Locale.ROOT, "%,.0f", gpuHours) + " device-hours"
                    + (costDollars != null ? String.format(Locale.ROOT, ", $%,.0f", costDollars) : "")
                    + (energyJoules != null ? String.format(Locale.ROOT, ", %,.0f MWh at TDP", energyJoules / 3.6e9) : ""));
        }
        r.table(t);
        for (String phase : new String[] {"forward", "backward"}) {
            r.section("First stage, one micro-batch, " + phase);
            TextTable ops = TextTable.withHeader("block", "operation", "count", "FLOP", "bytes", "time", "bound")
                    .rightAligned("count", "FLOP", "bytes", "time");
            for (OperationRow row : operations) {
                if (row.phase().equals(phase)) {
                    ops.row(row.block(), row.name(), row.count(), UnitFormat.flops(row.flops()), UnitFormat.bytes(row.bytes()),
                            UnitFormat.seconds(row.seconds()), row.bound());
                }
            }
            r.table(ops);
        }
        if (!assumptions.isEmpty()) {
            r.section("Assumptions").bullets(assumptions);
        }
        return r;
    }
}
