package io.github.roofline4j.cli;

import io.github.roofline4j.json.TrainingPlanSpec;
import io.github.roofline4j.parallel.Optimizer;
import io.github.roofline4j.parallel.TrainingPrecision;
import picocli.CommandLine.Option;

/** The options of a training plan that a plan search keeps fixed: precision, optimizer, attention kernel and dropout. */
final class TrainingFormats {

    @Option(names = "--precision", paramLabel = "P", defaultValue = "bf16", description = "bf16, fp16 or fp8 (default: ${DEFAULT-VALUE}).")
    private String precision;

    @Option(names = "--optimizer", paramLabel = "O", defaultValue = "adam", description = "adam or sgd (default: ${DEFAULT-VALUE}).")
    private String optimizer;

    @Option(names = "--no-flash-attention", description = "Unfused attention that stores the score matrix.")
    private boolean noFlash;

    @Option(names = "--dropout", description = "The layers apply dropout (GPT-3 and Megatron GPT models).")
    private boolean dropout;

    /** @return the precision of {@code --precision} */
    TrainingPrecision precision() {
        return Options.choice("--precision", precision, TrainingPrecision.class);
    }

    /** @return the optimizer of {@code --optimizer} */
    Optimizer optimizer() {
        return TrainingPlanSpec.optimizer("--optimizer", optimizer);
    }

    /** @return whether attention is fused */
    boolean flashAttention() {
        return !noFlash;
    }

    /** @return whether the layers apply dropout */
    boolean dropout() {
        return dropout;
    }
}
