package io.github.roofline4j.json;

import io.github.roofline4j.calibration.CalibrationProfile;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import tools.jackson.databind.node.ObjectNode;

/**
 * Estimates training a model, the request behind {@code roofline4j training}:
 * <pre>{@code
 * {"kind": "training", "model": "llama-3.1-8b", "hardware": "h100-sxm", "gpus": 64,
 *  "plan": {"tensorParallel": 2, "globalBatchSize": 512, "sequenceTokens": 8192, "zero": 1},
 *  "budget": {"tokens": 1e12, "pricePerDeviceHour": 2.5}}
 * }</pre>
 * The result is the {@link TrainingEstimate} of {@code roofline4j training --json}.
 *
 * @param id the caller's id, or null
 * @param model the model
 * @param devices {@code gpus} of an accelerator, or a cluster
 * @param plan the plan, its defaults applied by {@link TrainingPlanSpec#toPlan}
 * @param budget a token budget for the run's time and cost, or null
 * @param calibration a calibration profile of the accelerator (from {@code roofline4j calibrate}) to use instead of
 *        the default efficiency model, or null
 */
public record TrainingRequest(String id, ModelSource model, Devices devices, TrainingPlanSpec plan,
        TrainingEstimator.Budget budget, CalibrationProfile calibration) implements Request<TrainingEstimate> {

    /** The kind. */
    public static final String KIND = "training";

    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException if a part is missing, or an accelerator is given without gpus
     */
    public TrainingRequest {
        Checks.notNull("model", model);
        Checks.notNull("devices", devices);
        Checks.notNull("plan", plan);
        if (devices.hardware() != null && devices.gpus() == null) {
            throw new IllegalArgumentException("hardware needs gpus, the number of devices to train on");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public TrainingEstimate evaluate(HardwareResolver resolver) {
        TransformerSpec spec = model.resolve();
        ClusterSpec c = devices.trainingCluster(resolver);
        return TrainingEstimator.estimate(spec, c, plan.toPlan(spec, c.deviceCount()), budget,
                Calibrations.efficiency(calibration, c.accelerator()), TrainingEstimator.DEFAULT_MEMORY_UTILIZATION);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = RequestJson.start(this);
        o.set("model", model.toJson());
        devices.writeTo(o);
        plan.toJson(o.putObject("plan"));
        if (budget != null) {
            ObjectNode b = o.putObject("budget");
            b.put("tokens", budget.tokens());
            if (budget.pricePerDeviceHour() != null) {
                b.put("pricePerDeviceHour", budget.pricePerDeviceHour());
            }
        }
        Calibrations.write(o, calibration);
        return o;
    }
}
