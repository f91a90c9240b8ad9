package io.github.roofline4j.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;

/**
 * Fuzzes {@link HardwareJson#parseAccelerator(String, String)}, which reads user accelerator
 * files: it either returns a valid accelerator (whose JSON form reads back equal, and whose
 * summary and rates can be computed) or throws {@link InvalidInputException}; never any other
 * exception.
 *
 * <p>In a normal build this runs as a regression test over the seeds in
 * {@code src/test/resources/io/github/roofline4j/hardware/HardwareJsonFuzzTestInputs/parseAccelerator/}.
 * To fuzz: {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=HardwareJsonFuzzTest}.
 */
class HardwareJsonFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parseAccelerator(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Accelerator a;
        try {
            a = HardwareJson.parseAccelerator(text, "fuzz input");
        } catch (InvalidInputException expected) {
            assertFalse(expected.problem().isBlank());
            return;
        }
        assertEquals(a, HardwareJson.parseAccelerator(Json.write(HardwareJson.toJson(a)), "written"));
        assertFalse(a.toString().isBlank());
        for (DataType t : DataType.values()) {
            try {
                ComputePath p = a.computePath(t);
                assertFalse(p.describe().isBlank());
            } catch (UnsupportedDataTypeException expected) {
                assertEquals(t, expected.type());
            }
        }
    }
}
