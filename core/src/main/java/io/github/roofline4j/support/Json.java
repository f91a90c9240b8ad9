package io.github.roofline4j.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one configured Jackson mapper of the library, and the reading of JSON documents with
 * errors that name the source and the place.
 *
 * <p>Input is treated as hostile: documents are limited to {@value #MAX_DOCUMENT_BYTES} bytes,
 * {@value #MAX_NESTING_DEPTH} levels of nesting, {@value #MAX_NUMBER_LENGTH}-character numbers
 * and {@value #MAX_STRING_LENGTH}-character strings; duplicate keys and trailing content are
 * errors; there is no polymorphic typing. {@code NaN} and {@code Infinity} are not JSON and are
 * rejected by the parser, and so is a number literal beyond the range of a {@code double} (such
 * as {@code 1e400}), which would otherwise become an infinity. Files must be regular files (not directories, devices or pipes), are
 * read through a stream that stops one byte past the limit, and must be strict UTF-8; a leading
 * byte-order mark (U+FEFF) is skipped, in files and in strings.
 *
 * <p>Thread-safe: the mapper is immutable once built.
 */
public final class Json {

    /** Largest accepted document, in bytes (characters for strings). */
    public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;
    /** Deepest accepted nesting of arrays and objects. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest accepted number literal, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Longest accepted string value, in characters. */
    public static final int MAX_STRING_LENGTH = 1_000_000;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_BYTES)
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNameLength(1_000)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /**
     * Returns the configured mapper.
     *
     * @return the library's mapper
     */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a JSON document. A leading byte-order mark (U+FEFF) is skipped.
     *
     * @param text the document
     * @param source the file name or a description of the input, used in messages
     * @return the tree
     * @throws InvalidInputException if the text is not one well-formed JSON value within the limits
     */
    public static JsonNode parse(String text, String source) {
        if (text == null) {
            throw new InvalidInputException(source, "$", "expected a JSON document, was null");
        }
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        if (text.length() > MAX_DOCUMENT_BYTES) {
            throw new InvalidInputException(source, "$", "document is longer than " + MAX_DOCUMENT_BYTES + " characters");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw malformed(source, e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidInputException(source, "$", "expected a JSON document, was empty");
        }
        rejectNonFinite(node, source);
        return node;
    }

    /** Rejects floating-point values that overflowed to an infinity, naming their JSON path. */
    private static void rejectNonFinite(JsonNode root, String source) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("$", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> e = pending.pop();
            JsonNode node = e.getValue();
            if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                throw new InvalidInputException(source, e.getKey(),
                        "must be finite: the number is beyond the range of a 64-bit float (about 1.8e308)");
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    pending.push(Map.entry(JsonFields.childPath(e.getKey(), field.getKey()), field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.push(Map.entry(e.getKey() + "[" + i + "]", node.get(i)));
                }
            }
        }
    }

    /**
     * Reads and parses a JSON file, which must be a regular file of strict UTF-8 text (a leading
     * byte-order mark is skipped) no larger than {@value #MAX_DOCUMENT_BYTES} bytes.
     *
     * <p>The file is read through a stream that stops one byte past the limit, so a file that
     * grows after the size check, or a special file that passed for a regular one, cannot
     * exhaust memory.
     *
     * @param file the file
     * @return the tree
     * @throws InvalidInputException if the file does not exist, is not a regular file (a
     *         directory, a device, a FIFO), cannot be read, is too large, is not UTF-8 text or is
     *         not well-formed JSON
     */
    public static JsonNode read(Path file) {
        Checks.notNull("file", file);
        String source = file.toString();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new InvalidInputException(source, "$", "is a directory, expected a JSON file");
            }
            if (!attributes.isRegularFile()) {
                throw new InvalidInputException(source, "$",
                        "not a regular file (a device, FIFO or socket), expected a JSON file");
            }
            if (attributes.size() > MAX_DOCUMENT_BYTES) {
                throw tooLarge(source);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_DOCUMENT_BYTES + 1);
            }
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw tooLarge(source);
            }
            return parse(decodeUtf8(bytes, source), source);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, "$", "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(source, "$", "cannot read the file: " + e.getMessage());
        }
    }

    private static InvalidInputException tooLarge(String source) {
        return new InvalidInputException(source, "$", "file is larger than " + MAX_DOCUMENT_BYTES + " bytes");
    }

    /** Decodes strict UTF-8: malformed or unmappable bytes are an error, never U+FFFD. */
    private static String decodeUtf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source, "$", "not UTF-8 text");
        }
    }

    /**
     * Writes a tree as indented JSON.
     *
     * @param node the tree
     * @return the JSON text
     */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    private static InvalidInputException malformed(String source, JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        TokenStreamLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return new InvalidInputException(source, "$", "malformed JSON" + where + ": " + message);
    }
}
