package io.github.roofline4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class EvalCommandTest {

    private static final String REQUEST = """
            {"kind": "inference", "model": "llama-2-7b", "hardware": "a100", "plan": {"batch": 4, "weights": "int8"}}""";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void eval_request_sameResultAsInferenceJson() throws IOException {
        CliRunner r = CliRunner.run("eval", write("req.json", REQUEST).toString());
        assertEquals(0, r.exitCode(), r.err());
        CliRunner direct = CliRunner.run("inference", "--model", "llama-2-7b", "--hardware", "a100", "--batch", "4",
                "--weights", "int8", "--json");
        assertEquals(Json.parse(direct.out(), "inference"), Json.parse(r.out(), "eval").get("result"));
    }

    @Test
    void eval_trainingRequest_sameResultAsTrainingJson() throws IOException {
        CliRunner r = CliRunner.run("eval", write("req.json", """
                {"kind": "training", "model": "llama-2-7b", "hardware": "a100", "gpus": 8,
                 "plan": {"tensorParallel": 2, "zero": 1}, "budget": {"tokens": 1e9}}""").toString());
        assertEquals(0, r.exitCode(), r.err());
        CliRunner direct = CliRunner.run("training", "--model", "llama-2-7b", "--hardware", "a100", "--gpus", "8",
                "--tp", "2", "--zero", "1", "--tokens", "1e9", "--json");
        assertEquals(Json.parse(direct.out(), "training"), Json.parse(r.out(), "eval").get("result"));
    }

    @Test
    void eval_array_failureExits2AfterTheOthers() throws IOException {
        CliRunner r = CliRunner.run("eval", write("batch.json", "[" + REQUEST + ", {\"kind\": \"model\", \"model\": \"nope\"}]")
                .toString());
        assertEquals(2, r.exitCode());
        JsonNode out = Json.parse(r.out(), "eval");
        assertTrue(out.get(0).has("result"));
        assertTrue(out.get(1).get("error").get("message").stringValue().contains("unknown model 'nope'"));
        assertEquals("eval: 1 request failed; see the error responses", r.err().trim());
    }

    @Test
    void eval_jsonLines_oneLinePerRequest() throws IOException {
        CliRunner r = CliRunner.run("eval", write("reqs.jsonl", REQUEST.replace("\n", " ") + "\n"
                + "{\"kind\": \"model\", \"model\": \"gpt-2-124m\"}\n").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, r.out().lines().count());
        assertEquals("model", Json.parse(r.out().lines().toList().get(1), "line").get("kind").stringValue());
    }

    @Test
    void eval_badRequest_oneLineExit2() throws IOException {
        CliRunner r = CliRunner.run("eval", write("bad.json", "{\"kind\": \"inference\", \"model\": \"llama-2-7b\", "
                + "\"hardware\": \"a100\", \"plan\": {\"bacth\": 2}}").toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("$.plan.bacth: unknown field; did you mean 'batch'?"), r.err());
    }

    @Test
    void eval_noFiles_refusesPaths() throws IOException {
        CliRunner r = CliRunner.run("eval", "--no-files", write("f.json", "{\"kind\": \"model\", \"model\": {\"path\": \""
                + dir.resolve("config.json") + "\"}}").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("$.model.path: reading files is not allowed"), r.err());
    }

    @Test
    void eval_missingFile_exit2() {
        CliRunner r = CliRunner.run("eval", dir.resolve("none.json").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
