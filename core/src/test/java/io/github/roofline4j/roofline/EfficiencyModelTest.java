package io.github.roofline4j.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.hardware.DataType;

class EfficiencyModelTest {

    private static EfficiencyModel tiles(boolean waves, MatmulTile... tiles) {
        return new EfficiencyModel(Map.of(DataType.BF16, 0.8), 0.7, List.of(tiles), waves, 0.658, 184, 0.9, 1e-6, 0.8,
                0.8, 1e-5, 3e-5, "test");
    }

    @Test
    void waveQuantization_nvidiaGuideExample() {
        // the guide's example: A100 (108 SMs), a 1792 x 1792 output in 256 x 128 tiles is 7 x 14 = 98 tiles:
        // one partial wave, 98 / 108 of the SMs busy
        EfficiencyModel m = tiles(true, new MatmulTile(256, 128));
        assertEquals(98.0 / 108, m.quantizationEfficiency(1792, 1792, 1, 108), 1e-12);
        // 109 tiles need two waves
        assertEquals(1.0, m.quantizationEfficiency(256 * 12, 128 * 9, 1, 108), 1e-12);
    }

    @Test
    void tileQuantization_partialTiles() {
        EfficiencyModel m = tiles(false, new MatmulTile(128, 128));
        assertEquals(129.0 * 128 / (256 * 128), m.quantizationEfficiency(129, 128, 1, 0), 1e-12);
    }

    @Test
    void swappedOrientation_forSkinnyProducts() {
        EfficiencyModel m = tiles(false, new MatmulTile(128, 16));
        // m = 8: as (n x m) the 16-wide side holds the 8 rows: half the tile
        assertEquals(0.5, m.quantizationEfficiency(8, 4096, 1, 0), 1e-12);
    }

    @Test
    void matmulEfficiency_typeFractionTimesQuantization() {
        EfficiencyModel m = tiles(false, new MatmulTile(128, 128));
        assertEquals(0.8, m.matmulEfficiency(DataType.BF16, 4096, 4096, 1, 0), 1e-12);
        assertEquals(0.7, m.matmulEfficiency(DataType.FP8_E4M3, 4096, 4096, 1, 0), 1e-12);
    }

    @Test
    void attentionEfficiency_fillTileAndDiagonal() {
        EfficiencyModel m = tiles(false, new MatmulTile(128, 128));
        // long non-causal: approaches the fraction
        assertEquals(0.658 * 16384 / (16384 + 184.0), m.attentionEfficiency(16384, 1, 16384, false), 1e-12);
        // causal prefill of 512: mean keys 256.5, diagonal excess 63.5
        double keys = 256.5;
        assertEquals(0.658 * keys / (keys + 184) * keys / (keys + 63.5), m.attentionEfficiency(512, 1, keys), 1e-12);
        // decode, 8 query heads per KV head: 8 of 128 tile rows
        assertEquals(0.658 * 1000 / 1184.0 * 8 / 128, m.attentionEfficiency(1, 8, 1000), 1e-12);
    }

    @Test
    void ideal_isOne() {
        EfficiencyModel ideal = EfficiencyModel.ideal();
        assertEquals(1.0, ideal.matmulEfficiency(DataType.FP8_E4M3, 1, 1, 1, 132));
        assertEquals(1.0, ideal.memoryBandwidthFraction());
        assertEquals(0.0, ideal.kernelOverheadSeconds());
    }

    @Test
    void validation_rejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new EfficiencyModel(Map.of(DataType.BF16, 1.5), 0.7,
                List.of(new MatmulTile(1, 1)), false, 0.6, 0, 0.9, 0, 0.8, 0.8, 0, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new EfficiencyModel(Map.of(), 0.7, List.of(), false, 0.6, 0,
                0.9, 0, 0.8, 0.8, 0, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new EfficiencyModel(Map.of(), 0.7,
                List.of(new MatmulTile(1, 1)), false, 0.6, 0, 0, 0, 0.8, 0.8, 0, 0, "x"));
        assertTrue(tiles(true, new MatmulTile(128, 128)).source().equals("test"));
    }
}
