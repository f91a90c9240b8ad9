package io.github.roofline4j.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonChartTest {

    private record Item(String name, double value) {
    }

    private static final List<Item> ITEMS = List.of(new Item("h100", 3.0), new Item("mi300x", 2.5), new Item("a100", 1.0));

    @Test
    void of_oneBarPerItem(@TempDir Path dir) throws Exception {
        ComparisonChart c = ComparisonChart.of("decode", "tokens/s", ITEMS, Item::name, Item::value);
        assertEquals(List.of("h100", "mi300x", "a100"), c.labels());
        assertEquals(1, c.chart().getSeriesCollection().size());
        assertEquals(3, c.chart().getSeries("tokens/s").getXData().size());
        c.writePng(dir.resolve("c.png"));
        assertEquals(800, ImageIO.read(dir.resolve("c.png").toFile()).getWidth());
        c.writeSvg(dir.resolve("c.svg"));
        assertTrue(Files.readString(dir.resolve("c.svg")).contains("<svg"));
    }

    @Test
    void of_badItems_rejected() {
        assertThrows(IllegalArgumentException.class, () -> ComparisonChart.of("t", "v", List.<Item>of(), Item::name, Item::value));
        assertThrows(IllegalArgumentException.class, () -> ComparisonChart.of("t", "v",
                List.of(new Item("a", 1), new Item("a", 2)), Item::name, Item::value));
        assertThrows(IllegalArgumentException.class, () -> ComparisonChart.of("t", "v",
                List.of(new Item("a", Double.NaN)), Item::name, Item::value));
    }
}
