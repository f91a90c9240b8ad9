package io.github.roofline4j.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

class JsonTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void read_regularFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a.json"), "{\"x\": 1}");
        assertEquals(1, Json.read(file).get("x").intValue());
    }

    @Test
    void read_directoryRejected(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.read(dir));
        assertTrue(e.problem().contains("is a directory"), e.getMessage());
    }

    @Test
    void read_deviceRejectedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        // before: Files.size is 0 for a device, so readString ran until memory ran out
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.read(zero));
        assertTrue(e.problem().contains("not a regular file"), e.getMessage());
    }

    @Test
    void read_fifoRejected(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.json");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        // before: reading a FIFO with no writer blocked forever
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.read(fifo));
        assertTrue(e.problem().contains("not a regular file"), e.getMessage());
    }

    @Test
    void read_invalidUtf8Rejected(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("latin1.json"), "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        // before: the byte 0xE9 became U+FFFD silently
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.read(file));
        assertEquals("not UTF-8 text", e.problem());
        assertEquals("$", e.path());
    }

    @Test
    void read_byteOrderMarkSkipped(@TempDir Path dir) throws IOException {
        byte[] body = "{\"x\": 2}".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, bytes, 0, BOM.length);
        System.arraycopy(body, 0, bytes, BOM.length, body.length);
        Path file = Files.write(dir.resolve("bom.json"), bytes);
        assertEquals(2, Json.read(file).get("x").intValue());
    }

    @Test
    void parse_byteOrderMarkSkipped() {
        JsonNode node = Json.parse("\uFEFF{\"x\": 3}", "string");
        assertEquals(3, node.get("x").intValue());
    }

    @Test
    void read_tooLargeRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.json");
        Files.write(file, new byte[(int) Json.MAX_DOCUMENT_BYTES + 1]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.read(file));
        assertTrue(e.problem().contains("larger than"), e.getMessage());
    }

    @Test
    void read_missingFileAndNull(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.read(dir.resolve("none.json")));
        assertEquals("no such file", e.problem());
        assertThrows(IllegalArgumentException.class, () -> Json.read(null));
    }

    @Test
    void parse_numberBeyondDoubleRangeRejectedWithPath() {
        // before: 1e400 became an infinite DoubleNode, written back as the string "Infinity"
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Json.parse("{\"a\": [1, 2.5, 1e400]}", "string"));
        assertEquals("$.a[2]", e.path());
        assertTrue(e.problem().startsWith("must be finite"), e.getMessage());
        assertEquals(2.5, Json.parse("{\"a\": [1, 2.5, 1e300]}", "string").get("a").get(1).doubleValue());
    }
}
