package io.github.roofline4j.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitFormatTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0 B",
            "512, 512 B",
            "80e9, 80 GB",
            "1.555e12, 1.555 TB",
            "999.96e3, 1 MB",
            "999.94e3, 999.9 kB",
            "141e9, 141 GB"})
    void bytes_decimalPrefixes(double bytes, String expected) {
        assertEquals(expected, UnitFormat.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({
            "1024, 1 KiB",
            "85899345920, 80 GiB",
            "80e9, 74.51 GiB",
            "102005473280, 95 GiB"})
    void binaryBytes_binaryPrefixes(double bytes, String expected) {
        assertEquals(expected, UnitFormat.binaryBytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({
            "3.35e12, 3.35 TB/s",
            "450e9, 450 GB/s",
            "2.039e12, 2.039 TB/s"})
    void bytesPerSecond_decimalPrefixes(double rate, String expected) {
        assertEquals(expected, UnitFormat.bytesPerSecond(rate));
    }

    @ParameterizedTest
    @CsvSource({
            "50e9, 400 Gb/s",
            "25e9, 200 Gb/s",
            "100e9, 800 Gb/s"})
    void bitsPerSecond_networkRates(double bytesPerSecond, String expected) {
        assertEquals(expected, UnitFormat.bitsPerSecond(bytesPerSecond));
    }

    @ParameterizedTest
    @CsvSource({
            "989.4e12, 989.4 TFLOP/s",
            "1978.9e12, 1.979 PFLOP/s",
            "2.5e15, 2.5 PFLOP/s",
            "1e18, 1 EFLOP/s",
            "312e12, 312 TFLOP/s"})
    void flopsPerSecond_siPrefixes(double rate, String expected) {
        assertEquals(expected, UnitFormat.flopsPerSecond(rate));
    }

    @ParameterizedTest
    @CsvSource({
            "1.2e15, 1.2 PFLOP",
            "3.14e23, 3.14e23 FLOP",
            "5.76e23, 5.76e23 FLOP",
            "3.8e25, 3.8e25 FLOP"})
    void flops_scientificBeyondExa(double flops, String expected) {
        assertEquals(expected, UnitFormat.flops(flops));
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0 s",
            "2.5e-9, 2.5 ns",
            "3.2e-6, 3.2 \u00b5s",
            "0.0125, 12.5 ms",
            "1.5, 1.5 s",
            "90, 1.5 min",
            "7200, 2 h",
            "2937600, 34 d"})
    void seconds_fromNanosecondsToDays(double seconds, String expected) {
        assertEquals(expected, UnitFormat.seconds(seconds));
    }

    @ParameterizedTest
    @CsvSource({
            "6738415616, 6.738B",
            "124439808, 124.4M",
            "405853388800, 405.9B",
            "15.6e12, 15.6T"})
    void count_modelSizeSuffixes(double count, String expected) {
        assertEquals(expected, UnitFormat.count(count));
    }

    @ParameterizedTest
    @CsvSource({"0.462, 46.2%", "1, 100.0%", "0.0005, 0.1%"})
    void percent_oneDecimal(double fraction, String expected) {
        assertEquals(expected, UnitFormat.percent(fraction));
    }

    @ParameterizedTest
    @CsvSource({
            "999.9999e-9, 1 \u00b5s",
            "999.94e-6, 999.9 \u00b5s",
            "999.96e-6, 1 ms",
            "0.9999999, 1 s",
            "59.99999, 1 min",
            "3599.999, 1 h",
            "86399.99, 1 d",
            "-0.0125, -12.5 ms"})
    void seconds_unitChosenAfterRounding(double seconds, String expected) {
        assertEquals(expected, UnitFormat.seconds(seconds));
    }

    @ParameterizedTest
    @CsvSource({
            "999.96e18, 1e21 FLOP",
            "999.94e18, 999.9 EFLOP",
            "-3.14e23, -3.14e23 FLOP"})
    void flops_scientificSwitchAfterRounding(double flops, String expected) {
        assertEquals(expected, UnitFormat.flops(flops));
    }

    @ParameterizedTest
    @CsvSource({"999.96e18, 1e21 FLOP/s", "2e21, 2e21 FLOP/s"})
    void flopsPerSecond_scientificSwitchAfterRounding(double rate, String expected) {
        assertEquals(expected, UnitFormat.flopsPerSecond(rate));
    }

    @Test
    void nonFinite_printedWithUnitNeverThrows() {
        assertEquals("Infinity B", UnitFormat.bytes(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity B", UnitFormat.binaryBytes(Double.NEGATIVE_INFINITY));
        assertEquals("NaN B/s", UnitFormat.bytesPerSecond(Double.NaN));
        assertEquals("Infinity FLOP", UnitFormat.flops(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity FLOP", UnitFormat.flops(Double.NEGATIVE_INFINITY));
        assertEquals("NaN FLOP/s", UnitFormat.flopsPerSecond(Double.NaN));
        assertEquals("Infinity FLOP/s", UnitFormat.flopsPerSecond(Double.POSITIVE_INFINITY));
        assertEquals("Infinity s", UnitFormat.seconds(Double.POSITIVE_INFINITY));
        assertEquals("NaN s", UnitFormat.seconds(Double.NaN));
        assertEquals("Infinity", UnitFormat.count(Double.POSITIVE_INFINITY));
        assertEquals("NaN", UnitFormat.number(Double.NaN));
        assertEquals("NaN%", UnitFormat.percent(Double.NaN));
    }

    @ParameterizedTest
    @CsvSource({
            "1e-300, 1e-300 B",
            "5e-4, 5e-4 B",
            "0.001, 0.001 B",
            "1e30, 1e30 B",
            "999.9e21, 999900 EB",
            "1e24, 1e24 B"})
    void bytes_scientificOutsideTheUnits(double bytes, String expected) {
        assertEquals(expected, UnitFormat.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({"1e-13, 1e-13 s", "1e-12, 0.001 ns", "1e12, 1e12 s", "8.64e10, 8.64e10 s", "8.6e10, 995400 d"})
    void seconds_scientificOutsideTheUnits(double seconds, String expected) {
        assertEquals(expected, UnitFormat.seconds(seconds));
    }

    @Test
    void count_scientificBeyondTrillions() {
        assertEquals("1e20", UnitFormat.count(1e20));
        assertEquals("1e-5", UnitFormat.count(1e-5));
    }

    @Test
    void percent_negativeZeroIsZero() {
        assertEquals("0.0%", UnitFormat.percent(-0.0));
        assertEquals("0.0%", UnitFormat.percent(-1e-6));
        assertEquals("-0.5%", UnitFormat.percent(-0.005));
    }
}
