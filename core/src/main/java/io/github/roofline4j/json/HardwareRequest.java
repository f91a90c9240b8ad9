package io.github.roofline4j.json;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Looks up an accelerator: {@code {"kind": "hardware", "hardware": "h100-sxm"}}; the result is the
 * accelerator object of {@code roofline4j hardware show --json}.
 *
 * @param id the caller's id, or null
 * @param hardware the accelerator
 */
public record HardwareRequest(String id, HardwareSource hardware) implements Request<Accelerator> {

    /** The kind. */
    public static final String KIND = "hardware";

    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException if the hardware is missing
     */
    public HardwareRequest {
        Checks.notNull("hardware", hardware);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Accelerator evaluate(HardwareResolver resolver) {
        return hardware.resolve(resolver);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = RequestJson.start(this);
        o.set("hardware", hardware.toJson());
        return o;
    }
}
