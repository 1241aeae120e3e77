package io.complaintflow.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body, merged after those of the query string, decoded
 * strictly: a field whose bytes are not text in the declared charset (UTF-8 unless declared) is not handed on with
 * U+FFFD in its place — as {@code URLDecoder}'s lenient decoding did (a survey comment was stored so) — but named,
 * so the request is refused. A pair with a broken percent escape is skipped, as Tomcat skips it.
 */
final class FormBody {

    private static final String HEX = "0123456789ABCDEF";

    /** The fields, or the name of the first field that does not decode ({@code undecodable} not null). */
    record Parsed(Map<String, String[]> parameters, String undecodable) {
    }

    private FormBody() {
    }

    static boolean isForm(String contentType) {
        return contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    static Parsed parse(String query, String contentType, String encoding, byte[] body) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        String bad = add(merged, query == null ? "" : query, StandardCharsets.UTF_8);
        if (bad == null && isForm(contentType)) {
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            bad = add(merged, new String(body, StandardCharsets.ISO_8859_1), charset); // byte for byte
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        merged.forEach((k, v) -> result.put(k, v.toArray(String[]::new)));
        return new Parsed(Collections.unmodifiableMap(result), bad);
    }

    /** Adds the pairs of {@code text} (one char per byte); the field that does not decode, or null. */
    private static String add(Map<String, List<String>> into, String text, Charset charset) {
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            byte[] name = unescape(eq < 0 ? pair : pair.substring(0, eq));
            byte[] value = eq < 0 ? new byte[0] : unescape(pair.substring(eq + 1));
            if (name == null || value == null) {
                continue;
            }
            String key = decode(name, charset);
            if (key == null) {
                return "body"; // a field name that is not text: no name to give
            }
            String decoded = decode(value, charset);
            if (decoded == null) {
                return key;
            }
            into.computeIfAbsent(key, x -> new ArrayList<>()).add(decoded);
        }
        return null;
    }

    /** The bytes a percent-encoded token stands for; null when an escape is broken. */
    private static byte[] unescape(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= token.length()) {
                    return null;
                }
                int high = HEX.indexOf(Character.toUpperCase(token.charAt(i + 1)));
                int low = HEX.indexOf(Character.toUpperCase(token.charAt(i + 2)));
                if (high < 0 || low < 0) {
                    return null;
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
