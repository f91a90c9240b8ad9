package io.github.roofline4j.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
