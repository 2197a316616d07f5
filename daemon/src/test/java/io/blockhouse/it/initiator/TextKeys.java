package io.blockhouse.it.initiator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The key=value text format of Login and Text PDUs (RFC 7143 section 6): UTF-8 pairs, each ending with NUL. */
public final class TextKeys {

    private TextKeys() {
    }

    /** Encodes pairs in iteration order. */
    public static byte[] encode(Map<String, String> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keys.forEach((k, v) -> {
            out.writeBytes((k + "=" + v).getBytes(StandardCharsets.UTF_8));
            out.write(0);
        });
        return out.toByteArray();
    }

    /**
     * Decodes into an ordered map (last value wins for a repeated key).
     *
     * @throws IscsiProtocolException when a pair has no '=' or the text is not NUL-terminated
     */
    public static Map<String, String> decode(byte[] data) throws IscsiProtocolException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String[] pair : decodeAll(data)) {
            keys.put(pair[0], pair[1]);
        }
        return keys;
    }

    /** Decodes keeping repeated keys (SendTargets answers repeat TargetName / TargetAddress). */
    public static List<String[]> decodeAll(byte[] data) throws IscsiProtocolException {
        List<String[]> pairs = new ArrayList<>();
        if (data.length == 0) {
            return pairs;
        }
        if (data[data.length - 1] != 0) {
            throw new IscsiProtocolException("text data does not end with NUL");
        }
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                if (i > start) {
                    String pair = new String(data, start, i - start, StandardCharsets.UTF_8);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IscsiProtocolException("malformed key=value pair: " + pair);
                    }
                    pairs.add(new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
                }
                start = i + 1;
            }
        }
        return pairs;
    }
}
