package io.complaintflow.intake.batch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a regulator's CSV export and splits it into records (RFC 4180: quoted fields, doubled quotes, line
 * breaks inside quotes). Regulator platforms export UTF-8, UTF-8 with BOM or GBK (Excel on a Chinese Windows);
 * the encoding is detected: a BOM, else strict UTF-8, else GBK.
 */
final class CsvText {

    static final Charset GBK = Charset.forName("GBK");

    private CsvText() {
    }

    record Decoded(String text, String encoding) {
    }

    /** A record with the line number (1-based, as a spreadsheet counts) where it starts. */
    record Line(int number, List<String> fields) {
    }

    static Decoded decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new Decoded(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8), "UTF-8 (BOM)");
        }
        try {
            return new Decoded(strict(StandardCharsets.UTF_8, bytes), "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            try {
                return new Decoded(strict(GBK, bytes), "GBK");
            } catch (CharacterCodingException notGbk) {
                return null;
            }
        }
    }

    private static String strict(Charset charset, byte[] bytes) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Splits into records; returns null when a quoted field never ends. Blank lines are skipped. */
    static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordStart = 1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(lines, fields, field, fieldStarted, recordStart);
                fields = new ArrayList<>();
                fieldStarted = false;
                line++;
                recordStart = line;
            } else {
                field.append(ch);
                fieldStarted = true;
            }
        }
        if (quoted) {
            return null;
        }
        end(lines, fields, field, fieldStarted, recordStart);
        return lines;
    }

    private static void end(List<Line> lines, List<String> fields, StringBuilder field, boolean started, int number) {
        if (started || !field.isEmpty()) {
            fields.add(field.toString());
        }
        field.setLength(0);
        if (fields.stream().anyMatch(f -> !f.isBlank())) {
            lines.add(new Line(number, List.copyOf(fields)));
        }
    }
}
