package io.github.roofline4j.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

/**
 * A validator for the subset of JSON Schema (draft 2020-12) that {@code roofline4j.schema.json}
 * uses: {@code $ref} to {@code #/$defs/...}, {@code type}, {@code const}, {@code enum},
 * {@code oneOf}, {@code anyOf}, {@code properties}, {@code required},
 * {@code additionalProperties} (a boolean or a schema), {@code items}, {@code minimum},
 * {@code maximum} and {@code exclusiveMinimum}. A keyword outside the subset is an error, so the
 * schema cannot silently use one this validator ignores.
 */
final class SchemaValidator {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$defs");
    private static final Set<String> KEYWORDS = Set.of("$ref", "type", "const", "enum", "oneOf", "anyOf", "properties",
            "required", "additionalProperties", "items", "minimum", "maximum", "exclusiveMinimum");

    private final JsonNode root;

    private SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** The schema the library ships. */
    static SchemaValidator shipped() {
        try (InputStream in = Roofline4j.class.getResourceAsStream(Roofline4j.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(Roofline4j.SCHEMA_RESOURCE + " is missing");
            }
            return new SchemaValidator(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "schema"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates a document against the whole schema; returns the problems, empty if valid. */
    List<String> validate(JsonNode document) {
        return validate(root, document, "$");
    }

    /** Validates a document against one definition, such as {@code inferenceRequest}. */
    List<String> validate(String definition, JsonNode document) {
        JsonNode schema = root.get("$defs").get(definition);
        if (schema == null) {
            throw new IllegalArgumentException("no definition " + definition);
        }
        return validate(schema, document, "$");
    }

    private List<String> validate(JsonNode schema, JsonNode value, String path) {
        List<String> problems = new ArrayList<>();
        for (String keyword : schema.propertyNames()) {
            if (!KEYWORDS.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                throw new IllegalStateException("schema keyword outside the validated subset: " + keyword);
            }
        }
        if (schema.has("$ref")) {
            problems.addAll(validate(resolve(schema.get("$ref").stringValue()), value, path));
        }
        if (schema.has("type")) {
            JsonNode type = schema.get("type");
            boolean any = false;
            for (JsonNode t : type.isArray() ? type : List.of(type)) {
                any |= hasType(value, t.stringValue());
            }
            if (!any) {
                problems.add(path + ": expected type " + type + ", was " + value.getNodeType());
                return problems;
            }
        }
        if (schema.has("const") && !equal(schema.get("const"), value)) {
            problems.add(path + ": expected " + schema.get("const") + ", was " + value);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= equal(e, value);
            }
            if (!found) {
                problems.add(path + ": expected one of " + schema.get("enum") + ", was " + value);
            }
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            List<String> all = new ArrayList<>();
            for (JsonNode s : schema.get("oneOf")) {
                List<String> p = validate(s, value, path);
                matches += p.isEmpty() ? 1 : 0;
                all.addAll(p);
            }
            if (matches != 1) {
                problems.add(path + ": expected exactly one oneOf alternative to match, " + matches + " did"
                        + (matches == 0 ? ": " + all : ""));
            }
        }
        if (schema.has("anyOf")) {
            List<String> all = new ArrayList<>();
            boolean matched = false;
            for (JsonNode s : schema.get("anyOf")) {
                List<String> p = validate(s, value, path);
                matched |= p.isEmpty();
                all.addAll(p);
            }
            if (!matched) {
                problems.add(path + ": no anyOf alternative matches: " + all);
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.get("properties");
            if (schema.has("required")) {
                for (JsonNode r : schema.get("required")) {
                    if (!value.has(r.stringValue())) {
                        problems.add(path + ": missing required property " + r.stringValue());
                    }
                }
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String childPath = path + "." + field.getKey();
                if (properties != null && properties.has(field.getKey())) {
                    problems.addAll(validate(properties.get(field.getKey()), field.getValue(), childPath));
                } else if (schema.has("additionalProperties")) {
                    JsonNode additional = schema.get("additionalProperties");
                    if (additional.isBoolean()) {
                        if (!additional.booleanValue()) {
                            problems.add(childPath + ": property not allowed");
                        }
                    } else {
                        problems.addAll(validate(additional, field.getValue(), childPath));
                    }
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                problems.addAll(validate(schema.get("items"), value.get(i), path + "[" + i + "]"));
            }
        }
        if (value.isNumber()) {
            double d = value.doubleValue();
            if (schema.has("minimum") && d < schema.get("minimum").doubleValue()) {
                problems.add(path + ": must be >= " + schema.get("minimum") + ", was " + value);
            }
            if (schema.has("maximum") && d > schema.get("maximum").doubleValue()) {
                problems.add(path + ": must be <= " + schema.get("maximum") + ", was " + value);
            }
            if (schema.has("exclusiveMinimum") && d <= schema.get("exclusiveMinimum").doubleValue()) {
                problems.add(path + ": must be > " + schema.get("exclusiveMinimum") + ", was " + value);
            }
        }
        return problems;
    }

    private JsonNode resolve(String ref) {
        String prefix = "#/$defs/";
        if (!ref.startsWith(prefix) || !root.get("$defs").has(ref.substring(prefix.length()))) {
            throw new IllegalStateException("unresolvable $ref " + ref);
        }
        return root.get("$defs").get(ref.substring(prefix.length()));
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && Double.isFinite(value.doubleValue()) && value.doubleValue() == Math.rint(value.doubleValue());
            default -> throw new IllegalStateException("unknown type " + type);
        };
    }

    private static boolean equal(JsonNode expected, JsonNode value) {
        if (expected.isNumber() && value.isNumber()) {
            return expected.doubleValue() == value.doubleValue();
        }
        return expected.equals(value);
    }
}
