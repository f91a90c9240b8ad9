package io.github.roofline4j.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void render_alignsColumnsAndTrimsTrailingSpaces() {
        String text = TextTable.withHeader("id", "memory").rightAligned("memory")
                .row("h100-sxm", "80 GB")
                .row("mi300x", "192 GB")
                .render();
        assertEquals("""
                id        memory
                --------  ------
                h100-sxm   80 GB
                mi300x    192 GB
                """, text);
    }

    @Test
    void row_wrongWidthRejected() {
        assertThrows(IllegalArgumentException.class, () -> TextTable.withHeader("a", "b").row("x"));
    }

    @Test
    void rightAligned_unknownColumnRejected() {
        assertThrows(IllegalArgumentException.class, () -> TextTable.withHeader("a").rightAligned("b"));
    }
}
