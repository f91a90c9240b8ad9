package io.github.roofline4j.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
 * rejected by the parser.
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
     * Parses a JSON document.
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
        if (text.length() > MAX_DOCUMENT_BYTES) {
            throw new InvalidInputException(source, "$", "document is longer than " + MAX_DOCUMENT_BYTES + " characters");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(source, "$", "expected a JSON document, was empty");
            }
            return node;
        } catch (JacksonException e) {
            throw malformed(source, e);
        }
    }

    /**
     * Reads and parses a JSON file (UTF-8).
     *
     * @param file the file
     * @return the tree
     * @throws InvalidInputException if the file cannot be read or is not well-formed JSON
     */
    public static JsonNode read(Path file) {
        String source = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(source, "$", "is a directory, expected a JSON file");
            }
            if (Files.size(file) > MAX_DOCUMENT_BYTES) {
                throw new InvalidInputException(source, "$", "file is larger than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), source);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, "$", "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(source, "$", "cannot read the file: " + e.getMessage());
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
