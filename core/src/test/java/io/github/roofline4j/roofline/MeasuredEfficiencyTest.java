package io.github.roofline4j.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.roofline.CollectiveParameters.Scope;
import io.github.roofline4j.workload.CollectiveKind;
import io.github.roofline4j.workload.Communication;

/** The parts of the efficiency model a calibration sets: K-loop fills and measured collectives. */
class MeasuredEfficiencyTest {

    private static final double EXACT = 1e-15;

    private static final EfficiencyModel BASE = new EfficiencyModel(Map.of(DataType.BF16, 0.8), 0.7,
            List.of(new MatmulTile(128, 128)), false, 0.658, 184, 0.9, 1e-6, 0.8, 0.75, 10e-6, 30e-6, "test");

    @Test
    void matmulEfficiency_kLoopFill() {
        EfficiencyModel m = BASE.withMatmul(DataType.BF16, 0.8, 512);
        // 4096 x 4096 fills 128 x 128 tiles exactly: 0.8 x 1024 / (1024 + 512)
        assertEquals(0.8 * 1024 / 1536, m.matmulEfficiency(DataType.BF16, 4096, 4096, 1024, 1, 0), EXACT);
        // other types and unknown depths have no fill
        assertEquals(0.7, m.matmulEfficiency(DataType.FP8_E4M3, 4096, 4096, 1024, 1, 0), EXACT);
        assertEquals(0.8, m.matmulEfficiency(DataType.BF16, 4096, 4096, 0, 1, 0), EXACT);
        // the defaults have none
        assertEquals(0.8, BASE.matmulEfficiency(DataType.BF16, 4096, 4096, 64, 1, 0), EXACT);
    }

    @Test
    void seconds_measuredCollectiveReplacesTheLinkModelAtItsScope() {
        EfficiencyModel m = BASE.withMeasuredCollectives(
                List.of(new CollectiveParameters(CollectiveKind.ALL_REDUCE, Scope.INTRA, 25e-6, 300e9)));
        CollectiveModel measured = new CollectiveModel(Interconnect.of("NVLink", 450e9), Interconnect.of("NIC", 50e9), m);
        CollectiveModel links = new CollectiveModel(Interconnect.of("NVLink", 450e9), Interconnect.of("NIC", 50e9), BASE);
        Communication intra = new Communication(CollectiveKind.ALL_REDUCE, 1e9, 8, 8);
        assertEquals(25e-6 + 2.0 * 7 / 8 * 1e9 / 300e9, measured.seconds(intra), EXACT);
        Communication inter = new Communication(CollectiveKind.ALL_REDUCE, 1e9, 16, 8);
        assertEquals(links.seconds(inter), measured.seconds(inter), EXACT);
        Communication gather = new Communication(CollectiveKind.ALL_GATHER, 1e9, 8, 8);
        assertEquals(links.seconds(gather), measured.seconds(gather), EXACT);
    }

    @Test
    void withMeasuredCollectives_replacesTheSameKindAndScope() {
        EfficiencyModel m = BASE
                .withMeasuredCollectives(List.of(new CollectiveParameters(CollectiveKind.ALL_REDUCE, Scope.INTER, 1e-5, 4e10),
                        new CollectiveParameters(CollectiveKind.ALL_GATHER, Scope.INTRA, 1e-5, 3e11)))
                .withMeasuredCollectives(List.of(new CollectiveParameters(CollectiveKind.ALL_REDUCE, Scope.INTER, 2e-5, 5e10)));
        assertEquals(2, m.measuredCollectives().size());
        assertEquals(5e10, m.measuredCollective(CollectiveKind.ALL_REDUCE, Scope.INTER).busBandwidthBytesPerSecond());
        assertEquals(3e11, m.measuredCollective(CollectiveKind.ALL_GATHER, Scope.INTRA).busBandwidthBytesPerSecond());
    }

    @Test
    void constructor_rejectsDuplicatesAndNegativeFills() {
        CollectiveParameters p = new CollectiveParameters(CollectiveKind.ALL_REDUCE, Scope.INTRA, 1e-5, 3e11);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new EfficiencyModel(Map.of(), 0.7, List.of(new MatmulTile(1, 1)), false, 1, 0, 1, 0, 1, 1, 0, 0,
                        "x", Map.of(), List.of(p, p)));
        assertTrue(twice.getMessage().contains("ALL_REDUCE INTRA twice"), twice.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> BASE.withMatmul(DataType.BF16, 0.8, -1));
        assertEquals("matmulFillK.BF16 must be >= 0 and finite, was -1.0", negative.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CollectiveParameters(CollectiveKind.ALL_REDUCE, Scope.INTRA, 1e-5, 0));
    }
}
