package io.github.roofline4j.calibration;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.roofline.CollectiveParameters.Scope;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import io.github.roofline4j.units.Dimension;
import tools.jackson.databind.JsonNode;

/**
 * Reads measurements files: CSV with the header {@code kind,dtype,m,n,k,bytes,group,scope,seconds}
 * (the columns in any order, each once), or JSON, an array of objects with the same keys (a key a
 * row does not use is absent or {@code null}).
 *
 * <pre>
 * kind,dtype,m,n,k,bytes,group,scope,seconds
 * gemm,bf16,8192,8192,8192,,,,0.00139
 * copy,,,,,8000000000,,,0.00297
 * allreduce,,,,,1073741824,8,intra,0.00462
 * </pre>
 *
 * CSV fields are plain (no quoting); blank lines and lines starting with {@code #} are ignored.
 * Every bad row is reported with its line number (JSON: its index) and its problem, all at once,
 * in one {@link IllegalArgumentException}; no row is ever skipped. Files are limited to
 * {@value Json#MAX_DOCUMENT_BYTES} bytes of strict UTF-8.
 *
 * <p>Stateless and thread-safe.
 */
public final class Measurements {

    /** The columns of the CSV form, which are also the keys of the JSON form. */
    public static final List<String> COLUMNS = List.of("kind", "dtype", "m", "n", "k", "bytes", "group", "scope",
            "seconds");

    /** Bad rows listed in one error message; the rest are counted. */
    static final int MAX_REPORTED = 20;

    private Measurements() {
    }

    /**
     * Reads a measurements file, JSON if its name ends in {@code .json}, CSV otherwise.
     *
     * @param file the file
     * @return the measurements, in file order
     * @throws IllegalArgumentException if the file cannot be read, is too large, is not UTF-8, or has bad rows
     */
    public static List<Measurement> read(Path file) {
        String name = file.toString();
        String text = readText(file);
        return name.toLowerCase(Locale.ROOT).endsWith(".json") ? parseJson(text, name) : parseCsv(text, name);
    }

    private static String readText(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such regular file");
            }
            if (Files.size(file) > Json.MAX_DOCUMENT_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + Json.MAX_DOCUMENT_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > Json.MAX_DOCUMENT_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + Json.MAX_DOCUMENT_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * Parses the CSV form.
     *
     * @param text the file's text
     * @param source the file name, for messages
     * @return the measurements, in file order
     * @throws IllegalArgumentException listing every bad row with its line number, or if there is no header or no row
     */
    public static List<Measurement> parseCsv(String text, String source) {
        if (text == null) {
            throw new IllegalArgumentException(source + ": expected CSV text, was null");
        }
        if (text.length() > Json.MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException(source + ": longer than " + Json.MAX_DOCUMENT_BYTES + " characters");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        String[] lines = text.split("\\R", -1);
        int[] columnOf = null;
        int width = 0;
        List<Measurement> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columnOf == null) {
                columnOf = header(cells, source, i + 1);
                width = cells.length;
                continue;
            }
            try {
                if (cells.length != width) {
                    throw new IllegalArgumentException("expected " + width + " fields, found " + cells.length);
                }
                rows.add(row(cells, columnOf));
            } catch (IllegalArgumentException e) {
                errors.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (columnOf == null) {
            throw new IllegalArgumentException(source + ": no header; expected the line " + String.join(",", COLUMNS));
        }
        return finish(rows, errors, source);
    }

    /** Maps each of {@link #COLUMNS} to its index in the header. */
    private static int[] header(String[] cells, String source, int line) {
        int[] columnOf = new int[COLUMNS.size()];
        Arrays.fill(columnOf, -1);
        for (int c = 0; c < cells.length; c++) {
            String name = cells[c].strip().toLowerCase(Locale.ROOT);
            int index = COLUMNS.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException(source + ": line " + line + ": unknown column '" + cells[c].strip()
                        + "'; expected the header " + String.join(",", COLUMNS));
            }
            if (columnOf[index] >= 0) {
                throw new IllegalArgumentException(source + ": line " + line + ": column '" + name + "' appears twice");
            }
            columnOf[index] = c;
        }
        for (int i = 0; i < columnOf.length; i++) {
            if (columnOf[i] < 0) {
                throw new IllegalArgumentException(source + ": line " + line + ": the header lacks the column '"
                        + COLUMNS.get(i) + "'; expected " + String.join(",", COLUMNS));
            }
        }
        return columnOf;
    }

    private static Measurement row(String[] cells, int[] columnOf) {
        String kindText = cells[columnOf[0]].strip();
        if (kindText.isEmpty()) {
            throw new IllegalArgumentException("kind is empty; expected one of " + MeasurementKind.names());
        }
        MeasurementKind kind = MeasurementKind.parse(kindText);
        String dtype = cells[columnOf[1]].strip();
        String scope = cells[columnOf[7]].strip();
        return new Measurement(kind, dtype.isEmpty() ? null : DataType.parse(dtype), whole("m", cells[columnOf[2]]),
                whole("n", cells[columnOf[3]]), whole("k", cells[columnOf[4]]), number("bytes", cells[columnOf[5]]),
                group(cells[columnOf[6]]),
                scope.isEmpty() ? null : scope(scope), number("seconds", cells[columnOf[8]]));
    }

    private static long whole(String column, String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(s);
            if (v <= 0) {
                throw new IllegalArgumentException(column + " must be > 0 when given, was " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a positive whole number, was '" + s + "'");
        }
    }

    private static int group(String cell) {
        long g = whole("group", cell);
        if (g > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("group must be at most " + Integer.MAX_VALUE + ", was " + g);
        }
        return (int) g;
    }

    private static double number(String column, String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return 0;
        }
        double v;
        try {
            if (s.length() > 64 || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new NumberFormatException();
            }
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a number, was '" + s + "'");
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(column + " must be > 0 and finite when given, was " + s);
        }
        return v;
    }

    static Scope scope(String text) {
        for (Scope s : Scope.values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scope must be intra or inter, was '" + text + "'");
    }

    /**
     * Parses the JSON form: an array of objects with the keys of {@link #COLUMNS}.
     *
     * @param text the document
     * @param source the file name, for messages
     * @return the measurements, in document order
     * @throws IllegalArgumentException listing every bad element with its index, or if the document is not an array
     */
    public static List<Measurement> parseJson(String text, String source) {
        JsonNode root = Json.parse(text, source);
        if (!root.isArray()) {
            throw new IllegalArgumentException(source + ": $: expected an array of measurements");
        }
        List<Measurement> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String path = "$[" + i + "]";
            try {
                JsonFields f = JsonFields.of(root.get(i), source, path);
                MeasurementKind kind = MeasurementKind.parse(f.string("kind"));
                DataType dtype = f.optionalString("dtype").map(DataType::parse).orElse(null);
                OptionalInt m = f.optionalInteger("m");
                OptionalInt n = f.optionalInteger("n");
                OptionalInt k = f.optionalInteger("k");
                OptionalDouble bytes = f.optionalNumber("bytes", Dimension.BYTES);
                OptionalInt group = f.optionalInteger("group");
                Scope scope = f.optionalString("scope").map(Measurements::scope).orElse(null);
                double seconds = f.number("seconds", Dimension.SECONDS);
                f.finish();
                rows.add(new Measurement(kind, dtype, given("m", m), given("n", n), given("k", k),
                        given("bytes", bytes), group.isPresent() ? given("group", group.getAsInt()) : 0, scope, seconds));
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                errors.add(message.startsWith(source + ": ") ? message.substring(source.length() + 2)
                        : path + ": " + message);
            }
        }
        return finish(rows, errors, source);
    }

    /** A number given in the JSON form must be positive: 0 would read as "unused". */
    private static long given(String field, OptionalInt v) {
        return v.isPresent() ? given(field, v.getAsInt()) : 0;
    }

    private static double given(String field, OptionalDouble v) {
        if (v.isPresent() && !(v.getAsDouble() > 0)) {
            throw new IllegalArgumentException(field + " must be > 0 when given, was " + v.getAsDouble());
        }
        return v.orElse(0);
    }

    private static int given(String field, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(field + " must be > 0 when given, was " + v);
        }
        return v;
    }

    private static List<Measurement> finish(List<Measurement> rows, List<String> errors, String source) {
        if (!errors.isEmpty()) {
            StringBuilder b = new StringBuilder(source).append(": ").append(errors.size())
                    .append(errors.size() == 1 ? " bad row: " : " bad rows: ");
            for (int i = 0; i < Math.min(MAX_REPORTED, errors.size()); i++) {
                b.append(i == 0 ? "" : "; ").append(errors.get(i));
            }
            if (errors.size() > MAX_REPORTED) {
                b.append("; and ").append(errors.size() - MAX_REPORTED).append(" more");
            }
            throw new IllegalArgumentException(b.toString());
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no measurements; expected at least one row");
        }
        return List.copyOf(rows);
    }
}
