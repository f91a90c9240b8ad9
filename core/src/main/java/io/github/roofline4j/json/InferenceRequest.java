package io.github.roofline4j.json;

import io.github.roofline4j.calibration.CalibrationProfile;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.support.Checks;
import tools.jackson.databind.node.ObjectNode;

/**
 * Estimates serving a model, the request behind {@code roofline4j inference}:
 * <pre>{@code
 * {"kind": "inference", "model": "llama-3.1-70b", "hardware": "h100-sxm",
 *  "plan": {"tensorParallel": 4, "batch": 16, "promptTokens": 2048, "outputTokens": 256, "weights": "fp8"}}
 * }</pre>
 * The result is the {@link InferenceEstimate} of {@code roofline4j inference --json}.
 *
 * @param id the caller's id, or null
 * @param model the model
 * @param devices an accelerator (TP &times; PP of them) or a cluster whose links price the collectives
 * @param plan the serving plan, without speculation
 * @param speculation speculative decoding, or null
 * @param calibration a calibration profile of the accelerator (from {@code roofline4j calibrate}) to use instead of
 *        the default efficiency model, or null
 */
public record InferenceRequest(String id, ModelSource model, Devices devices, ServingPlan plan, SpeculationSpec speculation,
        CalibrationProfile calibration)
        implements Request<InferenceEstimate> {

    /** The kind. */
    public static final String KIND = "inference";

    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException if a part is missing, gpus is given, or the plan holds a speculation (give it apart)
     */
    public InferenceRequest {
        Checks.notNull("model", model);
        Checks.notNull("devices", devices);
        Checks.notNull("plan", plan);
        if (devices.gpus() != null) {
            throw new IllegalArgumentException("gpus is for training and cluster requests; inference uses "
                    + "plan.tensorParallel x plan.pipelineParallel devices");
        }
        if (plan.speculation().isPresent()) {
            throw new IllegalArgumentException("plan.speculation must be given as a SpeculationSpec");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InferenceEstimate evaluate(HardwareResolver resolver) {
        TransformerSpec spec = model.resolve();
        ServingPlan p = speculation == null ? plan : plan.toBuilder().speculation(speculation.toSpeculation()).build();
        ClusterSpec c = devices.hardware() != null ? ClusterSpec.of(devices.hardware().resolve(resolver), p.deviceCount())
                : devices.cluster().resolve(resolver);
        return InferenceEstimator.estimate(spec, c, p, Calibrations.efficiency(calibration, c.accelerator()));
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = RequestJson.start(this);
        o.set("model", model.toJson());
        devices.writeTo(o);
        RequestJson.writeServingPlan(o.putObject("plan"), plan, speculation);
        Calibrations.write(o, calibration);
        return o;
    }
}
