package io.blockhouse.iscsi.login;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of iSCSI text keys (RFC 7143 section 6.1): UTF-8 {@code key=value} pairs, each terminated by a NUL.
 * Parsing rejects pairs without '=', a last pair without its NUL, keys longer than 63 bytes and keys sent twice in
 * one request.
 */
public final class TextKeys {
    /** RFC 7143 section 6.1: key names are at most 63 bytes. */
    public static final int MAX_KEY_LENGTH = 63;

    private final LinkedHashMap<String, String> pairs = new LinkedHashMap<>();

    public static TextKeys parse(byte[] text) throws TextFormatException {
        TextKeys keys = new TextKeys();
        int start = 0;
        while (start < text.length) {
            int end = start;
            while (end < text.length && text[end] != 0) {
                end++;
            }
            if (end == start) {
                // An empty item is only acceptable as trailing NUL padding.
                for (int j = start; j < text.length; j++) {
                    if (text[j] != 0) {
                        throw new TextFormatException("empty key=value item inside text");
                    }
                }
                break;
            }
            if (end == text.length) {
                // RFC 7143 6.1: every pair, the last included, is followed by a NUL; a missing one means the
                // text was cut short, so none of it can be trusted.
                throw new TextFormatException("last key=value item is not NUL-terminated");
            }
            keys.addParsed(new String(text, start, end - start, StandardCharsets.UTF_8));
            start = end + 1;
        }
        return keys;
    }

    public static TextKeys parse(ByteBuf text) throws TextFormatException {
        byte[] bytes = new byte[text.readableBytes()];
        text.getBytes(text.readerIndex(), bytes);
        return parse(bytes);
    }

    private void addParsed(String pair) throws TextFormatException {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new TextFormatException("text item without key=value form: '" + abbreviate(pair) + "'");
        }
        String key = pair.substring(0, eq);
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_LENGTH) {
            throw new TextFormatException("key longer than 63 bytes: '" + abbreviate(key) + "'");
        }
        if (pairs.containsKey(key)) {
            throw new TextFormatException("key sent twice: " + key);
        }
        pairs.put(key, pair.substring(eq + 1));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Adds (or replaces) a pair for sending. */
    public TextKeys put(String key, String value) {
        pairs.put(key, value);
        return this;
    }

    public String get(String key) {
        return pairs.get(key);
    }

    public boolean contains(String key) {
        return pairs.containsKey(key);
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(pairs);
    }

    public List<String> keys() {
        return new ArrayList<>(pairs.keySet());
    }

    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append('\0');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The encoded text in a new buffer owned by the caller. */
    public ByteBuf toByteBuf(ByteBufAllocator alloc) {
        byte[] bytes = toBytes();
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }

    @Override
    public String toString() {
        return pairs.toString();
    }
}
