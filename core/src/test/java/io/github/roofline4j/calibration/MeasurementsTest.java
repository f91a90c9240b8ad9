package io.github.roofline4j.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.roofline.CollectiveParameters.Scope;

class MeasurementsTest {

    private static final String CSV = """
            kind,dtype,m,n,k,bytes,group,scope,seconds
            # a comment, then a blank line

            gemm,bf16,8192,8192,8192,,,,0.00139
            copy,,,,,8000000000,,,0.00297
            allreduce,,,,,1073741824,8,intra,0.00462
            sendrecv,,,,,1.5e8,2,INTER,3.1e-3
            """;

    @Test
    void parseCsv_everyKind() {
        List<Measurement> ms = Measurements.parseCsv(CSV, "m.csv");
        assertEquals(List.of(Measurement.gemm(DataType.BF16, 8192, 8192, 8192, 0.00139),
                Measurement.copy(8e9, 0.00297),
                Measurement.collective(MeasurementKind.ALLREDUCE, 1073741824, 8, Scope.INTRA, 0.00462),
                Measurement.collective(MeasurementKind.SENDRECV, 1.5e8, 2, Scope.INTER, 3.1e-3)), ms);
    }

    @Test
    void parseCsv_columnsInAnyOrder() {
        List<Measurement> ms = Measurements.parseCsv("seconds,kind,bytes,dtype,m,n,k,group,scope\n0.5,copy,1e9,,,,,,\n",
                "m.csv");
        assertEquals(List.of(Measurement.copy(1e9, 0.5)), ms);
    }

    @Test
    void parseCsv_everyBadRowReportedWithItsLine() {
        String text = """
                kind,dtype,m,n,k,bytes,group,scope,seconds
                copy,,,,,1e9,,,-0.1
                gemm,bf16,8192,8192,8192,,,,0.001
                allreduc,,,,,1e6,8,intra,1e-4
                copy,bf16,,,,1e9,,,0.1
                allgather,,,,,1e6,8,,1e-4
                gemm,bf16,8192,8192
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Measurements.parseCsv(text, "m.csv"));
        assertEquals("m.csv: 5 bad rows: line 2: seconds must be > 0 and finite when given, was -0.1; "
                + "line 4: kind must be one of gemm, copy, allreduce, allgather, reducescatter, alltoall, sendrecv, "
                + "was 'allreduc'; line 5: dtype must be empty for a copy; "
                + "line 6: scope is required for a allgather (intra or inter); "
                + "line 7: expected 9 fields, found 4", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "kind,dtype,m,n,k,bytes,group,scope|m.csv: line 1: the header lacks the column 'seconds'",
            "kind,dtype,m,n,k,bytes,group,scope,seconds,extra|m.csv: line 1: unknown column 'extra'",
            "kind,kind,m,n,k,bytes,group,scope,seconds|m.csv: line 1: column 'kind' appears twice",
            "# only a comment|m.csv: no header"})
    void parseCsv_badHeader(String text, String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Measurements.parseCsv(text, "m.csv"));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void parseCsv_headerOnlyIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Measurements.parseCsv("kind,dtype,m,n,k,bytes,group,scope,seconds\n", "m.csv"));
        assertEquals("m.csv: no measurements; expected at least one row", e.getMessage());
    }

    @Test
    void parseJson_sameAsCsv() {
        String json = """
                [{"kind": "gemm", "dtype": "bf16", "m": 8192, "n": 8192, "k": 8192, "seconds": 0.00139},
                 {"kind": "copy", "dtype": null, "bytes": 8000000000, "seconds": 0.00297},
                 {"kind": "allreduce", "bytes": "1073741824 B", "group": 8, "scope": "intra", "seconds": "4.62 ms"},
                 {"kind": "sendrecv", "bytes": 1.5e8, "group": 2, "scope": "inter", "seconds": 3.1e-3}]
                """;
        assertEquals(Measurements.parseCsv(CSV, "m.csv"), Measurements.parseJson(json, "m.json"));
    }

    @Test
    void parseJson_everyBadElementReportedWithItsIndex() {
        String json = """
                [{"kind": "copy", "bytes": 1e9, "seconds": -1},
                 {"kind": "copy", "bytes": 1e9, "seconds": 0.1, "sceond": 1},
                 {"kind": "gemm", "dtype": "bf16", "m": 0, "n": 1, "k": 1, "seconds": 1}]
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Measurements.parseJson(json, "m.json"));
        assertTrue(e.getMessage().startsWith("m.json: 3 bad rows: $[0].seconds: must be >= 0"), e.getMessage());
        assertTrue(e.getMessage().contains("$[1].sceond: unknown field"), e.getMessage());
        assertTrue(e.getMessage().contains("$[2]: m must be > 0 when given, was 0"), e.getMessage());
    }

    @Test
    void read_byExtension(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, CSV);
        Path json = dir.resolve("m.JSON");
        Files.writeString(json, "[{\"kind\": \"copy\", \"bytes\": 1e9, \"seconds\": 0.5}]");
        assertEquals(4, Measurements.read(csv).size());
        assertEquals(List.of(Measurement.copy(1e9, 0.5)), Measurements.read(json));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Measurements.read(dir.resolve("absent.csv")));
        assertTrue(e.getMessage().endsWith("absent.csv: no such regular file"), e.getMessage());
    }

    @Test
    void measurement_unusedColumnsMustBeEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Measurement(MeasurementKind.GEMM, DataType.BF16, 1, 1, 1, 100, 0, null, 1));
        assertEquals("bytes must be empty for a gemm", e.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> Measurement.collective(MeasurementKind.SENDRECV, 1e6, 4, Scope.INTER, 1e-3));
        assertEquals("group must be 2 for a sendrecv, was 4", g.getMessage());
    }
}
