package io.github.roofline4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.catalog.validation.PublishedResult;
import io.github.roofline4j.catalog.validation.PublishedResults;
import io.github.roofline4j.catalog.validation.ValidationReport;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class ValidationReportTest {

    private static final ValidationReport REPORT = ValidationReport.run();

    @Test
    void run_everyCasePassesAndHasASource() {
        assertEquals(PublishedResults.all().size(), REPORT.results().size());
        for (PublishedResult r : REPORT.results()) {
            assertTrue(r.passes(), r::toString);
            assertTrue(r.source().length() > 10, r::toString);
        }
    }

    @Test
    void groups_summarizeEveryGroupInOrder() {
        assertEquals(List.of("kernels", "inference", "training", "memory", "parameters"),
                REPORT.groups().stream().map(ValidationReport.Summary::name).toList());
        int cases = REPORT.groups().stream().mapToInt(ValidationReport.Summary::cases).sum();
        assertEquals(REPORT.results().size(), cases);
        for (ValidationReport.Summary s : REPORT.groups()) {
            assertEquals(s.cases(), s.passing(), s::toString);
            assertTrue(s.medianAbsoluteError() <= s.maxAbsoluteError(), s::toString);
        }
    }

    @Test
    void summary_countsValidationsOnly() {
        // ZeRO-3 at 768 and 1536 GPUs are upper bounds: listed, not in the statistics
        ValidationReport.Summary training = REPORT.groups().get(2);
        assertEquals(training.cases() - 2, training.validations());
        ValidationReport.Summary kernels = REPORT.groups().get(0);
        assertEquals(kernels.cases() - 6, kernels.validations());
    }

    @Test
    void markdown_hasTheFourTables() {
        String md = REPORT.markdown();
        assertTrue(md.startsWith("| group | published in | case | metric | published | predicted | error |\n"), md);
        assertTrue(md.contains("| published in | source |\n"), md);
        assertTrue(md.contains("| Megatron-LM Table 1 | Narayanan et al. SC'21 Table 1"), md);
        assertTrue(md.contains("| group | cases | validations | passing | median abs error | max abs error |"), md);
        assertTrue(md.contains("| case (tokens/s) | published | before | error before | after | error after |"), md);
    }

    @Test
    void toJson_listsCasesGroupsAndCalibration() {
        JsonNode root = Json.parse(REPORT.toJson(), "report");
        assertEquals(REPORT.results().size(), root.get("cases").size());
        JsonNode first = root.get("cases").get(0);
        for (String field : List.of("group", "family", "case", "metric", "published", "predicted", "error",
                "tolerance", "check", "passes", "source")) {
            assertTrue(first.has(field), field);
        }
        assertEquals(5, root.get("groups").size());
        assertTrue(root.get("calibration").get("profile").has("achievableBandwidthBytesPerSecond"));
        assertEquals(15, root.get("calibration").get("after").size());
    }
}
