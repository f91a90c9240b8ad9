package io.github.roofline4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class ValidateCommandTest {

    @Test
    void text_listsCasesGroupsAndCalibration() {
        CliRunner r = CliRunner.run("validate");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("megatron-1.7b TP1 PP1 on 32"), r.out());
        assertTrue(r.out().contains("median abs error"), r.out());
        assertTrue(r.out().contains("Calibration on gpt-fast"), r.out());
    }

    @Test
    void json_hasCasesAndGroups() {
        CliRunner r = CliRunner.run("validate", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        assertTrue(j.get("cases").size() > 100);
        assertEquals("training", j.get("groups").get(2).get("name").stringValue());
        assertTrue(j.get("groups").get(2).has("medianAbsoluteError"));
    }

    @Test
    void jsonAndMarkdown_areExclusive() {
        CliRunner r = CliRunner.run("validate", "--json", "--markdown");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("at most one of --json and --markdown"), r.err());
    }
}
