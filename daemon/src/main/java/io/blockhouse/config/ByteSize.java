package io.blockhouse.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes as an administrator writes it: a plain number of bytes, or a number with a binary suffix
 * K, M, G, T (powers of 1024; "KiB", "MiB"... and "KB"... mean the same), e.g. "1G", "512MiB", 1073741824.
 */
public record ByteSize(long bytes) {

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must not be negative: " + bytes);
        }
    }

    @JsonCreator
    public static ByteSize of(Object value) {
        if (value instanceof Number n) {
            return new ByteSize(n.longValue());
        }
        if (value instanceof String s) {
            return parse(s);
        }
        throw new IllegalArgumentException("size must be a number of bytes or a string like \"1G\"");
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(?:I?B)?");

    /** Parses "1G", "512M", "4096", "2TiB", "64KB" (all suffixes are powers of 1024). */
    public static ByteSize parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: \"" + text + "\" (use bytes or a suffix K, M, G, T)");
        }
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        try {
            long value = Long.parseLong(m.group(1));
            if (value > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return new ByteSize(value << shift);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size out of range: \"" + text + "\"");
        }
    }

    /** Written back in the largest unit that divides it exactly, e.g. "1G"; plain bytes otherwise. */
    @JsonValue
    public Object json() {
        String units = "KMGT";
        for (int i = units.length(); i > 0; i--) {
            int shift = 10 * i;
            if (bytes != 0 && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + units.substring(i - 1, i);
            }
        }
        return bytes;
    }
}
