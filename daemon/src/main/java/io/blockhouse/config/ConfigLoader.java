package io.blockhouse.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a {@link BlockhouseConfig} from JSON and validates it. Unknown fields are errors (a typo must not silently
 * fall back to a default); every error names its field by JSON path.
 */
public final class ConfigLoader {

    /** Class-path resource holding the embedded default configuration. */
    public static final String DEFAULT_RESOURCE = "/io/blockhouse/config/default-config.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ConfigLoader() {
    }

    /** Reads and validates a configuration file. */
    public static BlockhouseConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    /** The configuration built into the daemon: one target, one 1 GiB sparse file LUN in the data directory. */
    public static BlockhouseConfig defaultConfig() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("embedded default configuration missing: " + DEFAULT_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "(embedded default)");
        } catch (IOException | ConfigException e) {
            throw new IllegalStateException("embedded default configuration is broken", e);
        }
    }

    /** Parses and validates JSON text; {@code source} names it in error messages. */
    public static BlockhouseConfig parse(String json, String source) throws ConfigException {
        BlockhouseConfig config;
        try {
            config = MAPPER.readValue(json, BlockhouseConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(describe(e)));
        }
        if (config == null) {
            throw new ConfigException(source, List.of("(root): empty document, expected a JSON object"));
        }
        List<String> problems = new ConfigValidator(config).problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return config;
    }

    /** The configuration as JSON, in the form {@link #parse} reads. */
    public static String toJson(BlockhouseConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise configuration", e);
        }
    }

    private static String describe(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String at = location(e.getLocation());
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return where + ": unknown field" + at + (known.isEmpty() ? "" : " (known fields: " + known + ")");
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return where + ": " + v.getCause().getMessage() + at;
        }
        if (e instanceof InvalidFormatException f) {
            return where + ": cannot use " + f.getValue() + " as " + typeName(f.getTargetType()) + at;
        }
        if (e instanceof MismatchedInputException m) {
            return where + ": expected " + typeName(m.getTargetType()) + at;
        }
        return (where.isEmpty() ? "(root)" : where) + ": " + e.getOriginalMessage() + at;
    }

    private static String location(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                + ")";
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (type == ByteSize.class) {
            return "a size such as \"1G\" or a number of bytes";
        }
        return "a JSON object";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.length() == 0 ? "(root)" : sb.toString();
    }
}
