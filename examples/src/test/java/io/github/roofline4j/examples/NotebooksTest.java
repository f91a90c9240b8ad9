package io.github.roofline4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

/**
 * Runs every notebook of {@code examples/notebooks/} as the JJava kernel would: the code cells in
 * order through {@code jdk.jshell}. The kernel's class-path magics ({@code %jars},
 * {@code %maven}) are mapped to this test's own class path, which holds the modules under test
 * (so nothing is downloaded); any other magic is an error. The kernel's {@code display(Object,
 * String...)} function is stood in for by one that requires a value to show. Any rejected
 * snippet, exception or error output fails the test.
 */
class NotebooksTest {

    static final Path NOTEBOOKS = Path.of("notebooks");

    /** JJava's display function, which the kernel injects into the notebook's scope. */
    private static final String DISPLAY = """
            String display(Object o, String... as) {
                return "display-" + Integer.toHexString(System.identityHashCode(java.util.Objects.requireNonNull(o, "display(null)")));
            }""";

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void notebook_cellsRunInOrderWithoutErrors(Path notebook) throws IOException {
        JsonNode book = Json.read(notebook);
        assertEquals("java", book.get("metadata").get("kernelspec").get("language").stringValue());
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : book.get("cells")) {
            if (cell.get("cell_type").stringValue().equals("code")) {
                StringBuilder source = new StringBuilder();
                cell.get("source").forEach(line -> source.append(line.stringValue()));
                cells.add(source.toString());
                assertTrue(cell.get("outputs").isEmpty(), notebook + ": outputs are not committed");
            }
        }
        assertFalse(cells.isEmpty(), notebook + " has no code cells");
        assertTrue(cells.get(0).lines().anyMatch(l -> l.startsWith("%jars") || l.startsWith("%maven")),
                notebook + ": the first cell puts the library on the class path");
        try (JShellSession s = new JShellSession()) {
            assertEquals(List.of(), s.run(DISPLAY, "display"));
            for (int i = 0; i < cells.size(); i++) {
                String where = notebook.getFileName() + " cell " + (i + 1);
                List<String> problems = new ArrayList<>();
                StringBuilder code = new StringBuilder();
                for (String line : cells.get(i).split("\n", -1)) {
                    if (line.startsWith("%jars") || line.startsWith("%maven")) {
                        code.append('\n');  // the class path is this test's own
                    } else if (line.startsWith("%")) {
                        problems.add(where + ": unsupported magic " + line);
                    } else {
                        code.append(line).append('\n');
                    }
                }
                problems.addAll(s.run(code.toString(), where));
                assertEquals(List.of(), problems);
            }
        }
    }
}
