package io.github.roofline4j.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A result's explanation as a document of lines, section headings, tables and bullet lists,
 * rendered once as plain text (the {@code table()} of results, for terminals and REPLs) and once
 * as HTML (their {@code toHtml()}, for notebooks), so that both show the same figures.
 *
 * <pre>{@code
 * Report r = new Report().line("Llama-2-7B on 1 x h100-sxm").gap().table(figures).section("Assumptions").bullets(notes);
 * String text = r.text();
 * String html = r.html();
 * }</pre>
 *
 * <p>Not thread-safe while parts are being added.
 */
public final class Report {

    private enum Kind { LINE, GAP, SECTION, TABLE, BULLETS }

    private record Part(Kind kind, String text, TextTable table, List<String> items) {
    }

    private final List<Part> parts = new ArrayList<>();

    /**
     * Adds a line of text.
     *
     * @param text the line, without a newline
     * @return this report
     */
    public Report line(String text) {
        parts.add(new Part(Kind.LINE, text, null, null));
        return this;
    }

    /**
     * Adds a blank line (in text only).
     *
     * @return this report
     */
    public Report gap() {
        parts.add(new Part(Kind.GAP, null, null, null));
        return this;
    }

    /**
     * Starts a section: a blank line and the heading in text, a heading in HTML.
     *
     * @param heading the heading
     * @return this report
     */
    public Report section(String heading) {
        parts.add(new Part(Kind.SECTION, heading, null, null));
        return this;
    }

    /**
     * Adds a table.
     *
     * @param table the table, rendered when the report is
     * @return this report
     */
    public Report table(TextTable table) {
        parts.add(new Part(Kind.TABLE, null, table, null));
        return this;
    }

    /**
     * Adds a bullet list; nothing when the list is empty.
     *
     * @param items the items
     * @return this report
     */
    public Report bullets(List<String> items) {
        if (!items.isEmpty()) {
            parts.add(new Part(Kind.BULLETS, null, null, List.copyOf(items)));
        }
        return this;
    }

    /**
     * Renders the report as plain text, each line ending with a newline.
     *
     * @return the text
     */
    public String text() {
        StringBuilder s = new StringBuilder();
        for (Part p : parts) {
            switch (p.kind()) {
                case LINE -> s.append(p.text()).append('\n');
                case GAP -> s.append('\n');
                case SECTION -> s.append('\n').append(p.text()).append('\n');
                case TABLE -> s.append(p.table().render());
                case BULLETS -> p.items().forEach(i -> s.append("- ").append(i).append('\n'));
                default -> throw new IllegalStateException(p.kind().name());
            }
        }
        return s.toString();
    }

    /**
     * Renders the report as an HTML fragment (a {@code <div>}), text escaped.
     *
     * @return the HTML
     */
    public String html() {
        StringBuilder s = new StringBuilder("<div class=\"roofline4j\">\n");
        boolean first = true;
        for (Part p : parts) {
            switch (p.kind()) {
                case LINE -> s.append(first ? "<p><b>" + escape(p.text()) + "</b></p>\n" : "<p>" + escape(p.text()) + "</p>\n");
                case GAP -> {
                }
                case SECTION -> s.append("<h4>").append(escape(p.text())).append("</h4>\n");
                case TABLE -> s.append(p.table().renderHtml());
                case BULLETS -> {
                    s.append("<ul>\n");
                    p.items().forEach(i -> s.append("<li>").append(escape(i)).append("</li>\n"));
                    s.append("</ul>\n");
                }
                default -> throw new IllegalStateException(p.kind().name());
            }
            first = false;
        }
        return s.append("</div>\n").toString();
    }

    /**
     * Escapes text for HTML.
     *
     * @param text the text
     * @return the text with {@code & < > " '} escaped
     */
    public static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
