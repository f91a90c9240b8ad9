package io.github.roofline4j.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest
    @CsvSource({
            "80 GB, BYTES, 8.0e10",
            "80GB, BYTES, 8.0e10",
            "95 GiB, BYTES, 102005473280",
            "50 MB, BYTES, 5.0e7",
            "1024, BYTES, 1024",
            "3.35 TB/s, BYTES_PER_SECOND, 3.35e12",
            "400 Gb/s, BYTES_PER_SECOND, 5.0e10",
            "820 GiB/s, BYTES_PER_SECOND, 880468295680",
            "989.4 TFLOP/s, FLOPS_PER_SECOND, 9.894e14",
            "1978.9 TOPS, FLOPS_PER_SECOND, 1.9789e15",
            "2 us, SECONDS, 2e-6",
            "1830 MHz, HERTZ, 1.83e9",
            "1.2 kW, WATTS, 1200",
            "1e3 GB, BYTES, 1e12"})
    void parse_unitsToBaseUnits(String text, Dimension dimension, double expected) {
        double actual = Quantity.parse(text, dimension);
        assertEquals(expected, actual, Math.abs(expected) * TOLERANCE,
                () -> "'" + text + "': expected " + expected + ", was " + actual);
    }

    @Test
    void parse_bitsAndBytesAreCaseSensitive() {
        assertEquals(8 * Quantity.parse("400 Gb/s", Dimension.BYTES_PER_SECOND),
                Quantity.parse("400 GB/s", Dimension.BYTES_PER_SECOND), 1e-3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GB", "-80 GB", "80 GX", "80 GB/s", "eighty", "NaN", "Infinity", "1e400"})
    void parse_rejectsWithMessageNamingTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantity.parse(text, Dimension.BYTES));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void parse_rejectsUnitOfAnotherDimension() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Quantity.parse("3 TB/s", Dimension.FLOPS_PER_SECOND));
        assertTrue(e.getMessage().contains("FLOP/s"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "66.9 TFLOP/s, FLOPS_PER_SECOND, 66.9e12",
            "989.4 TFLOP/s, FLOPS_PER_SECOND, 989.4e12",
            "1.5 ms, SECONDS, 1.5e-3",
            "3.35 TB/s, BYTES_PER_SECOND, 3.35e12",
            "1.1 GHz, HERTZ, 1.1e9"})
    void parse_decimalScalingIsExact(String text, Dimension dimension, double literal) {
        // the value of the decimal literal, not the product of two rounded doubles (66.9 * 1e12 = 6.690000000000001E13)
        assertEquals(literal, Quantity.parse(text, dimension), 0.0, text);
    }
}
