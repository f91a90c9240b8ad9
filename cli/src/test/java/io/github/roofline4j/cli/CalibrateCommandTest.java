package io.github.roofline4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class CalibrateCommandTest {

    /** Relative tolerance of parameters recovered from noiseless measurements. */
    private static final double EXACT = 1e-6;

    /** Copies at 2.9 TB/s with a 3 µs launch and an intra-node all-reduce at 20 µs and 350 GB/s bus bandwidth. */
    private static Path measurements(Path dir) throws Exception {
        StringBuilder b = new StringBuilder("kind,dtype,m,n,k,bytes,group,scope,seconds\n");
        for (double bytes = 1e6; bytes < 1e10; bytes *= 4) {
            b.append(String.format(Locale.ROOT, "copy,,,,,%.0f,,,%.9e%n", bytes, 3e-6 + bytes / 2.9e12));
        }
        for (double bytes = 1e4; bytes < 2e9; bytes *= 8) {
            b.append(String.format(Locale.ROOT, "allreduce,,,,,%.0f,8,intra,%.9e%n", bytes,
                    20e-6 + 2.0 * 7 / 8 * bytes / 350e9));
        }
        Path file = dir.resolve("measurements.csv");
        Files.writeString(file, b.toString());
        return file;
    }

    @Test
    void calibrate_printsTheFitAndWritesTheProfile(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("profile.json");
        CliRunner r = CliRunner.run("calibrate", "--hardware", "h100-sxm", "--measurements",
                measurements(dir).toString(), "-o", profile.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Calibration of h100-sxm"), r.out());
        assertTrue(r.out().contains("memory (copies)"), r.out());
        assertTrue(r.out().contains("allreduce intra"), r.out());
        JsonNode j = Json.read(profile);
        assertEquals(2.9e12, j.get("achievableBandwidthBytesPerSecond").doubleValue(), EXACT * 2.9e12);
        assertEquals(3e-6, j.get("kernelOverheadSeconds").doubleValue(), EXACT * 3e-6);
        JsonNode ar = j.get("collectives").get(0);
        assertEquals("allreduce", ar.get("kind").stringValue());
        assertEquals("intra", ar.get("scope").stringValue());
        assertEquals(20e-6, ar.get("latencySeconds").doubleValue(), EXACT * 20e-6);
        assertEquals(350e9, ar.get("busBandwidthBytesPerSecond").doubleValue(), EXACT * 350e9);
        assertEquals(1.0, ar.get("fit").get("rSquared").doubleValue(), EXACT);
    }

    @Test
    void json_isTheProfile(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("calibrate", "--hardware", "h100-sxm", "--measurements",
                measurements(dir).toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        assertEquals("h100-sxm", j.get("hardware").stringValue());
        assertTrue(j.get("matmul").isEmpty());
    }

    @Test
    void estimates_acceptTheProfile(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("profile.json");
        assertEquals(0, CliRunner.run("calibrate", "--hardware", "h100-sxm", "--measurements",
                measurements(dir).toString(), "-o", profile.toString()).exitCode());
        String[] inference = {"inference", "--model", "llama-3.1-8b", "--hardware", "h100-sxm", "--tp", "8", "--json"};
        CliRunner plain = CliRunner.run(inference);
        CliRunner calibrated = CliRunner.run(inference, "--calibration " + profile);
        assertEquals(0, calibrated.exitCode(), calibrated.err());
        double before = Json.parse(plain.out(), "plain").get("decodeSecondsPerToken").doubleValue();
        double after = Json.parse(calibrated.out(), "calibrated").get("decodeSecondsPerToken").doubleValue();
        assertTrue(after > before, before + " vs " + after);
        CliRunner training = CliRunner.run("training", "--model", "llama-3.1-8b", "--hardware", "h100-sxm", "--gpus",
                "8", "--tp", "8", "--global-batch", "8", "--calibration", profile.toString(), "--json");
        assertEquals(0, training.exitCode(), training.err());
        CliRunner roofline = CliRunner.run("roofline", "--hardware", "h100-sxm", "--calibration", profile.toString(),
                "--json");
        assertEquals(0, roofline.exitCode(), roofline.err());
        assertEquals(2.9e12, Json.parse(roofline.out(), "roofline").get("achievableMemoryBandwidthBytesPerSecond")
                .doubleValue(), EXACT * 2.9e12);
    }

    @Test
    void profileOfAnotherAccelerator_isBadInput(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("profile.json");
        CliRunner.run("calibrate", "--hardware", "h100-sxm", "--measurements", measurements(dir).toString(), "-o",
                profile.toString());
        CliRunner r = CliRunner.run("inference", "--model", "llama-3.1-8b", "--hardware", "a100", "--calibration",
                profile.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("calibration: the calibration profile was measured on h100-sxm"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void badRows_areReportedWithTheirLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "kind,dtype,m,n,k,bytes,group,scope,seconds\ncopy,,,,,1e9,,,-1\ngemm,bf16,1,1,,,,,1\n");
        CliRunner r = CliRunner.run("calibrate", "--hardware", "h100-sxm", "--measurements", file.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("2 bad rows: line 2: seconds must be > 0 and finite when given, was -1; line 3: "
                + "k must be > 0"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void degenerateData_isBadInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("one.csv");
        Files.writeString(file, "kind,dtype,m,n,k,bytes,group,scope,seconds\ncopy,,,,,1e9,,,4e-4\n");
        CliRunner r = CliRunner.run("calibrate", "--hardware", "h100-sxm", "--measurements", file.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("copy: needs at least 3 measurements"), r.err());
    }
}
