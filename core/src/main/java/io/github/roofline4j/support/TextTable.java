package io.github.roofline4j.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns, for terminal output and {@code table()} methods.
 *
 * <p>Columns whose header is registered with {@link #rightAligned(String...)} are right-aligned
 * (numbers); the others are left-aligned. Cells are converted with {@link String#valueOf(Object)}.
 *
 * <pre>{@code
 * TextTable t = TextTable.withHeader("id", "memory").rightAligned("memory");
 * t.row("h100-sxm", "80 GB");
 * String text = t.render();
 * }</pre>
 *
 * <p>Not thread-safe while rows are being added.
 */
public final class TextTable {

    private final List<String> header;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    private TextTable(List<String> header) {
        this.header = List.copyOf(header);
        this.right = new boolean[header.size()];
    }

    /**
     * Starts a table.
     *
     * @param columns the column headers
     * @return the table
     */
    public static TextTable withHeader(String... columns) {
        return new TextTable(Arrays.asList(columns));
    }

    /**
     * Starts a table.
     *
     * @param columns the column headers
     * @return the table
     */
    public static TextTable withHeader(List<String> columns) {
        return new TextTable(columns);
    }

    /**
     * Right-aligns the named columns.
     *
     * @param columns headers of the columns to right-align
     * @return this table
     * @throws IllegalArgumentException if a header is not a column of the table
     */
    public TextTable rightAligned(String... columns) {
        for (String c : columns) {
            int i = header.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException("no column '" + c + "' in " + header);
            }
            right[i] = true;
        }
        return this;
    }

    /**
     * Adds a row.
     *
     * @param cells one value per column
     * @return this table
     * @throws IllegalArgumentException if the number of cells differs from the number of columns
     */
    public TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table has " + header.size() + " columns");
        }
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    /**
     * Returns the number of rows added.
     *
     * @return the row count, without the header
     */
    public int rowCount() {
        return rows.size();
    }

    /**
     * Renders the table: the header, a rule, then the rows, columns separated by two spaces,
     * each line ending with a newline and without trailing spaces.
     *
     * @return the text
     */
    public String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        line(s, header.toArray(new String[0]), width);
        String[] rule = new String[width.length];
        for (int i = 0; i < width.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(s, rule, width);
        for (String[] r : rows) {
            line(s, r, width);
        }
        return s.toString();
    }

    /**
     * Renders the table as an HTML {@code <table>}, for notebooks: a header row, then the rows;
     * right-aligned columns are aligned right; text is escaped.
     *
     * @return the HTML fragment
     */
    public String renderHtml() {
        StringBuilder s = new StringBuilder("<table>\n<thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            s.append(right[i] ? "<th style=\"text-align:right\">" : "<th style=\"text-align:left\">")
                    .append(Report.escape(header.get(i))).append("</th>");
        }
        s.append("</tr></thead>\n<tbody>\n");
        for (String[] r : rows) {
            s.append("<tr>");
            for (int i = 0; i < r.length; i++) {
                s.append(right[i] ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(Report.escape(r[i])).append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</tbody>\n</table>\n").toString();
    }

    private void line(StringBuilder s, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                l.append("  ");
            }
            String pad = " ".repeat(width[i] - cells[i].length());
            l.append(right[i] ? pad + cells[i] : cells[i] + pad);
        }
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == ' ') {
            end--;
        }
        s.append(l, 0, end).append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
