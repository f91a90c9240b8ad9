package io.github.roofline4j.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest {

    private static Report sample() {
        TextTable t = TextTable.withHeader("name", "value").rightAligned("value");
        t.row("a<b", 1).row("c & d", 22);
        return new Report().line("Title").line("detail").gap().table(t).section("Notes").bullets(List.of("x \"quoted\""));
    }

    @Test
    void text_linesTablesAndBullets() {
        assertEquals("""
                Title
                detail

                name   value
                -----  -----
                a<b        1
                c & d     22

                Notes
                - x "quoted"
                """, sample().text());
    }

    @Test
    void html_escapedAndStructured() {
        assertEquals("""
                <div class="roofline4j">
                <p><b>Title</b></p>
                <p>detail</p>
                <table>
                <thead><tr><th style="text-align:left">name</th><th style="text-align:right">value</th></tr></thead>
                <tbody>
                <tr><td style="text-align:left">a&lt;b</td><td style="text-align:right">1</td></tr>
                <tr><td style="text-align:left">c &amp; d</td><td style="text-align:right">22</td></tr>
                </tbody>
                </table>
                <h4>Notes</h4>
                <ul>
                <li>x &quot;quoted&quot;</li>
                </ul>
                </div>
                """, sample().html());
    }

    @Test
    void bullets_empty_addNothing() {
        assertEquals("t\n", new Report().line("t").bullets(List.of()).text());
    }
}
