package io.github.roofline4j.catalog.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.roofline4j.catalog.validation.PublishedResult.Group;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The accuracy report: every {@linkplain PublishedResults published result} bundled with the
 * library beside its prediction, the median and maximum absolute error per group, and what
 * calibration does on gpt-fast ({@link GptFastCalibration}). What {@code roofline4j validate}
 * prints and the README's accuracy table shows.
 *
 * <p>The statistics count validations only ({@link PublishedResult.Check#WITHIN}): the upper-bound
 * rows (ZeRO-3 at scale) and the consistency checks (MAMF) are listed but not counted.
 *
 * <p>Immutable and thread-safe.
 *
 * @param results every case
 * @param groups the statistics per group, in {@link Group} order
 * @param calibration the gpt-fast calibration
 */
public record ValidationReport(List<PublishedResult> results, List<Summary> groups, GptFastCalibration calibration) {

    /**
     * The errors of a set of cases.
     *
     * @param name the group or set
     * @param cases all its cases
     * @param validations the cases counted in the statistics
     * @param passing the cases within their tolerance (or above, for an upper bound)
     * @param medianAbsoluteError the median of |error| over the validations
     * @param maxAbsoluteError the largest |error| over the validations
     */
    public record Summary(String name, int cases, int validations, int passing, double medianAbsoluteError,
            double maxAbsoluteError) {

        /**
         * Summarizes a set of cases.
         *
         * @param name the name
         * @param results the cases
         * @return the summary; errors 0 when no case is a validation
         */
        public static Summary of(String name, List<PublishedResult> results) {
            List<Double> errors = new ArrayList<>();
            int passing = 0;
            for (PublishedResult r : results) {
                if (r.isValidation()) {
                    errors.add(Math.abs(r.error()));
                }
                passing += r.passes() ? 1 : 0;
            }
            double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Summary(name, results.size(), sorted.length, passing, median(sorted),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        }
    }

    /**
     * Copies the lists.
     */
    public ValidationReport {
        results = List.copyOf(results);
        groups = List.copyOf(groups);
    }

    /**
     * Runs every case.
     *
     * @return the report
     */
    public static ValidationReport run() {
        List<PublishedResult> results = PublishedResults.all();
        List<Summary> groups = new ArrayList<>();
        for (Group g : Group.values()) {
            List<PublishedResult> of = results.stream().filter(r -> r.group() == g).toList();
            groups.add(Summary.of(g.displayName(), of));
        }
        return new ValidationReport(results, groups, GptFastCalibration.run());
    }

    /**
     * Returns the median of sorted values.
     *
     * @param sorted ascending values
     * @return the median, the mean of the middle two for an even count, 0 for none
     */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Returns the signed median error of a family's validations.
     *
     * @param results the cases
     * @return the median of the signed errors
     */
    public static double medianError(List<PublishedResult> results) {
        return median(results.stream().filter(PublishedResult::isValidation).mapToDouble(PublishedResult::error)
                .sorted().toArray());
    }

    /**
     * Renders the report as text tables.
     *
     * @return the tables, ending with a newline
     */
    public String table() {
        return render(false);
    }

    /**
     * Renders the report as Markdown tables, as the README shows it.
     *
     * @return the Markdown, ending with a newline
     */
    public String markdown() {
        return render(true);
    }

    private String render(boolean markdown) {
        StringBuilder b = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        for (PublishedResult r : results) {
            rows.add(new String[] {r.group().displayName(), r.family(), r.caseName(), r.metric(), value(r, r.published()),
                    value(r, r.predicted()), error(r)});
        }
        b.append(table(markdown, 4, new String[] {"group", "published in", "case", "metric", "published", "predicted",
                "error"}, rows));
        b.append('\n');
        Map<String, String> sources = new LinkedHashMap<>();
        for (PublishedResult r : results) {
            sources.putIfAbsent(r.family(), r.source());
        }
        List<String[]> sourceRows = new ArrayList<>();
        sources.forEach((family, source) -> sourceRows.add(new String[] {family, source}));
        b.append(table(markdown, 2, new String[] {"published in", "source"}, sourceRows));
        b.append('\n');
        List<String[]> summary = new ArrayList<>();
        for (Summary s : groups) {
            summary.add(summaryRow(s));
        }
        b.append(table(markdown, 1, new String[] {"group", "cases", "validations", "passing", "median abs error",
                "max abs error"}, summary));
        b.append('\n');
        GptFastCalibration c = calibration;
        b.append(String.format(Locale.ROOT, "Calibration on gpt-fast: fitted on the %d single-GPU BF16 rows "
                + "(achieved bandwidth %s, kernel overhead %s, R² %.3f); predicting the %d TP 2-8 rows:%n",
                c.fitted().size(), UnitFormat.bytesPerSecond(c.profile().achievableBandwidthBytesPerSecond()),
                UnitFormat.seconds(c.profile().kernelOverheadSeconds()), c.profile().memoryFit().rSquared(),
                c.before().size()));
        b.append('\n');
        List<String[]> calibrationRows = new ArrayList<>();
        for (int i = 0; i < c.before().size(); i++) {
            PublishedResult before = c.before().get(i);
            PublishedResult after = c.after().get(i);
            calibrationRows.add(new String[] {before.caseName(), UnitFormat.number(before.published()),
                    UnitFormat.number(before.predicted()), error(before), UnitFormat.number(after.predicted()),
                    error(after)});
        }
        Summary before = Summary.of(GptFastCalibration.BEFORE, c.before());
        Summary after = Summary.of(GptFastCalibration.AFTER, c.after());
        calibrationRows.add(new String[] {"median abs error", "", "", UnitFormat.percent(before.medianAbsoluteError()), "",
                UnitFormat.percent(after.medianAbsoluteError())});
        calibrationRows.add(new String[] {"max abs error", "", "", UnitFormat.percent(before.maxAbsoluteError()), "",
                UnitFormat.percent(after.maxAbsoluteError())});
        b.append(table(markdown, 1, new String[] {"case (tokens/s)", "published", "before", "error before", "after",
                "error after"}, calibrationRows));
        return b.toString();
    }

    private static String[] summaryRow(Summary s) {
        return new String[] {s.name(), Integer.toString(s.cases()), Integer.toString(s.validations()),
                Integer.toString(s.passing()), UnitFormat.percent(s.medianAbsoluteError()),
                UnitFormat.percent(s.maxAbsoluteError())};
    }

    /** Formats a value as its metric is read: bytes and parameters with prefixes, the rest as plain numbers. */
    private static String value(PublishedResult r, double v) {
        return switch (r.metric()) {
            case "bytes" -> UnitFormat.bytes(v);
            case "parameters", "A100-hours", "tokens/s" -> v >= 1e4 ? UnitFormat.count(v) : UnitFormat.number(v);
            default -> UnitFormat.number(v);
        };
    }

    private static String error(PublishedResult r) {
        double percent = Math.round(1000 * r.error()) / 10.0;
        String e = String.format(Locale.ROOT, "%+.1f%%", percent == 0 ? 0.0 : percent);
        return switch (r.check()) {
            case WITHIN -> e;
            case UPPER_BOUND -> e + " (upper bound)";
            case CONSISTENCY -> e + " (consistency)";
        };
    }

    private static String table(boolean markdown, int leftColumns, String[] header, List<String[]> rows) {
        if (!markdown) {
            TextTable t = TextTable.withHeader(header);
            t.rightAligned(Arrays.copyOfRange(header, leftColumns, header.length));
            for (String[] r : rows) {
                t.row((Object[]) r);
            }
            return t.render();
        }
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.length; i++) {
            b.append(i < leftColumns ? " --- |" : " ---: |");
        }
        b.append('\n');
        for (String[] r : rows) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return b.toString();
    }

    /**
     * Writes the report as JSON: {@code cases} (each with {@code group}, {@code family}, {@code case},
     * {@code metric}, {@code published}, {@code predicted}, {@code error}, {@code tolerance}, {@code check},
     * {@code passes}, {@code source}), {@code groups} (the summaries) and {@code calibration} (the profile, the
     * cases before and after, and their summaries).
     *
     * @return the JSON document
     */
    public String toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        cases(root.putArray("cases"), results);
        ArrayNode groupArray = root.putArray("groups");
        for (Summary s : groups) {
            groupArray.add(Json.mapper().valueToTree(s));
        }
        ObjectNode c = root.putObject("calibration");
        c.set("profile", Json.mapper().readTree(calibration.profile().toJson()));
        cases(c.putArray("fitted"), calibration.fitted());
        cases(c.putArray("before"), calibration.before());
        cases(c.putArray("after"), calibration.after());
        c.set("beforeSummary", Json.mapper().valueToTree(Summary.of(GptFastCalibration.BEFORE, calibration.before())));
        c.set("afterSummary", Json.mapper().valueToTree(Summary.of(GptFastCalibration.AFTER, calibration.after())));
        return Json.write(root);
    }

    private static void cases(ArrayNode array, List<PublishedResult> results) {
        for (PublishedResult r : results) {
            ObjectNode o = array.addObject();
            o.put("group", r.group().displayName());
            o.put("family", r.family());
            o.put("case", r.caseName());
            o.put("metric", r.metric());
            o.put("published", r.published());
            o.put("predicted", r.predicted());
            o.put("error", r.error());
            o.put("tolerance", r.tolerance());
            o.put("check", r.check().name().toLowerCase(Locale.ROOT));
            o.put("passes", r.passes());
            o.put("source", r.source());
        }
    }
}
