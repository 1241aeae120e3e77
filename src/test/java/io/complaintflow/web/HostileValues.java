package io.complaintflow.web;

import io.complaintflow.security.UnsafeText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * What a hostile client puts into a field, drawn from a seeded {@link Random}: text that is too long or carries
 * NUL, non-characters, lone surrogates, direction overrides or bytes that are not UTF-8; numbers and dates at the
 * edges of what parsers and columns hold; values of the wrong JSON type. Text is kept as Java text and rendered for
 * each door (JSON, CSV, a form post); {@link #BAD_BYTES} marks where bytes that are not UTF-8 go.
 */
final class HostileValues {

    /** A private-use character never generated otherwise: replaced by bytes that are not UTF-8 when encoded. */
    static final char BAD_BYTES = '\uE000';

    /** Byte sequences no UTF-8 decoder may accept: overlong forms, encoded surrogates, beyond U+10FFFF, strays. */
    private static final List<byte[]> NOT_UTF8 = List.of(
            new byte[] {(byte) 0xC0, (byte) 0x80},                           // NUL, overlong
            new byte[] {(byte) 0xC1, (byte) 0x81},                           // 'A', overlong
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},              // '/', overlong
            new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, // '/', overlong
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},              // U+D800 encoded
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0x80},                                        // a stray continuation byte
            new byte[] {(byte) 0xE6, (byte) 0x8A});                          // 投, cut short

    private static final String[] WORDS = {"投诉", "包裹破损", "账单多收了 30 元", "abc", "客服态度差", "😀", "退款",
            "<script>alert(1)</script>", "' OR '1'='1", "1; DROP TABLE complaint; --", "${7*7}", "#{7*7}",
            "${jndi:ldap://x/a}", "%s%n%x", "../../etc/passwd", "a\\b", "\"quoted\"", "=1+1", "@SUM(A1)", "\r\n",
            "ＡＢＣ", "Ω", "\t"};

    private static final String[] SPECIALS = {"\u0000", "\uFDD0", "\uFDEF", "\uFFFE", "\uFFFF", "\uD83F\uDFFE",
            "\uDBFF\uDFFF", "\uD800", "\uDC00", "\u202E", "\u2066", "\u200B", "\uFEFF", "\u0007", "\u001B[31m",
            "\u0085", "\u2028", "e\u0301", "\u00A0"};

    private HostileValues() {
    }

    static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    static String pick(Random r, String... items) {
        return items[r.nextInt(items.length)];
    }

    /** Ordinary text a customer might type. */
    static String word(Random r) {
        return WORDS[r.nextInt(3)];
    }

    /** Text of any kind a client can send: long, invisible, broken, or harmless-looking with a trap inside. */
    static String text(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> overlong(r);
            case 1, 2 -> word(r) + SPECIALS[r.nextInt(SPECIALS.length)] + word(r);
            case 3 -> word(r) + BAD_BYTES + word(r);
            case 4 -> WORDS[r.nextInt(WORDS.length)];
            case 5 -> pick(r, "", " ", "   ", "\t\n", "\u3000");
            case 6 -> WORDS[r.nextInt(WORDS.length)] + SPECIALS[r.nextInt(SPECIALS.length)];
            case 7 -> "长".repeat(1 + r.nextInt(300));
            default -> word(r);
        };
    }

    /** Longer than some column or variable: around 200, 1,000, 4,000 and 5,000 characters, and far beyond. */
    static String overlong(Random r) {
        int length = switch (r.nextInt(7)) {
            case 0 -> 201 + r.nextInt(50);
            case 1 -> 1001 + r.nextInt(100);
            case 2 -> 3990 + r.nextInt(20);
            case 3 -> 4001 + r.nextInt(1000);
            case 4 -> 4672;
            case 5 -> 5001 + r.nextInt(100);
            default -> 20_000 + r.nextInt(60_000);
        };
        String unit = pick(r, "a", "长", "😀", "é");
        StringBuilder b = new StringBuilder(length + 2);
        while (b.length() < length) {
            b.append(unit);
        }
        return b.toString();
    }

    /** A number at an edge, as JSON text; some are not JSON at all. */
    static String number(Random r) {
        return pick(r, "0", "-0", "-1", "0.001", "30.005", "1e308", "-1e308", "1e309", "1e-400",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649",
                "123456789012345678901234567890.123", "1E+2147483647", "1e-2147483648", "999999999999.99",
                "1000000000000", "4.9e-324", "1.7976931348623157e308", "NaN", "Infinity", "-Infinity", "0x10", "01",
                "+1", ".5", "1.", "1e", "--1", "1_000");
    }

    /** A date or time at an edge (text); also impossible dates and other formats. */
    static String date(Random r) {
        return pick(r, "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z", "0000-01-01",
                "0001-01-01T00:00:00Z", "9999-12-31", "9999-12-31T23:59:59Z", "2026-02-30", "2026-13-01",
                "2026-11-20T24:00:00Z", "2026-11-20T23:59:60Z", "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z",
                "2000-01-01", "2026-11-20T00:00:00+18:00", "2026-11-20T00:00:00+25:00",
                "2026-11-20T00:00:00.1234567891Z", "2026-W47-5", "20261120", "11/20/2026", "2026年11月20日", "",
                "now", "2026-11-20T10:00:00.000+0800", "292278994-08-17T07:12:55.807+0000",
                "-292269054-12-02T16:47:04.192+0000", "0000-00-00T00:00:00.000+0000", "2026-11-20T10:00:00",
                "2100-01-01T00:00:00Z");
    }

    /** A JSON value of some other type than a field expects. */
    static String otherJsonType(Random r) {
        return pick(r, "true", "false", "null", "[]", "[1,2]", "{}", "{\"a\":1}", "[\"x\"]", "12345", "1.5",
                "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "{\"@class\":\"java.lang.Runtime\"}");
    }

    /** Any hostile JSON value: text (as a JSON string), a number, a date, another type. */
    static String json(Random r) {
        return switch (r.nextInt(6)) {
            case 0, 1, 2 -> jsonString(text(r), r);
            case 3 -> number(r);
            case 4 -> jsonString(date(r), r);
            default -> otherJsonType(r);
        };
    }

    /**
     * The text as a JSON string literal. Controls and lone surrogates are escaped (they cannot be sent otherwise);
     * other characters are sent raw or escaped at random, so both ways in are tried.
     */
    static String jsonString(String text, Random r) {
        boolean escapeAll = r.nextInt(4) == 0;
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || lone || (escapeAll && c > 0x7E && c != BAD_BYTES)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * UTF-8 of the text, except that each {@link #BAD_BYTES} becomes a sequence that is not UTF-8 and each lone
     * surrogate its (forbidden) three-byte encoding.
     */
    static byte[] bytes(String text, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == BAD_BYTES) {
                out.writeBytes(NOT_UTF8.get(r.nextInt(NOT_UTF8.size())));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** Percent-encoded form value; bytes that are not UTF-8 stay what they are. */
    static String formEncoded(String text, Random r) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes(text, r)) {
            int v = x & 0xFF;
            if (v >= 'a' && v <= 'z' || v >= 'A' && v <= 'Z' || v >= '0' && v <= '9' || v == '-' || v == '_'
                    || v == '.') {
                b.append((char) v);
            } else {
                b.append('%').append(String.format("%02X", v));
            }
        }
        return b.toString();
    }

    /** A CSV cell: quoted when it has to be (or at random), quotes doubled. */
    static String csvCell(String text, Random r) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || r.nextInt(5) == 0) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /**
     * Why stored text breaks what {@link UnsafeText} promises (controls, direction overrides, invisible characters,
     * lone surrogates, non-characters), or holds U+FFFD — the mark a lenient decoder leaves for bytes that were not
     * UTF-8; null when it is clean.
     */
    static String forbiddenIn(String stored) {
        if (stored == null) {
            return null;
        }
        return UnsafeText.problem(stored).orElse(stored.indexOf('\uFFFD') >= 0 ? "U+FFFD（未解码的字节）" : null);
    }
}
