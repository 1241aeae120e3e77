package io.complaintflow.mailbox;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Text out of mail parts: bytes decoded whatever the part claims its charset is, and HTML turned into the text a
 * reader sees (jsoup: entities decoded; head, title, style and script dropped; blocks and {@code <br>} as lines).
 */
final class MailText {

    /** Chinese mail is labelled gb2312 whatever it holds; GB18030 reads gb2312 and GBK alike (as browsers do). */
    private static final Set<String> CHINESE = Set.of("gb2312", "gbk", "gb18030", "euc-cn", "x-gbk", "cp936",
            "x-euc-cn", "csgb2312", "hz-gb-2312");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "table", "ul", "ol", "h1", "h2",
            "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article", "header", "footer", "address",
            "dd", "dt", "dl", "center", "form", "fieldset");

    private MailText() {
    }

    /**
     * The declared charset if the bytes are valid in it, else UTF-8, else GB18030, else the declared (or UTF-8)
     * with replacement characters: a customer's mail is never lost for its encoding.
     */
    static String decode(byte[] bytes, String declared) {
        Set<Charset> tries = new LinkedHashSet<>();
        Charset charset = charset(declared);
        if (charset != null && singleByte(charset)) {
            // every byte is "valid" in Latin-1 and its kin: valid UTF-8 there is a mislabelled UTF-8 mail
            tries.add(StandardCharsets.UTF_8);
        }
        if (charset != null) {
            tries.add(charset);
        }
        tries.add(StandardCharsets.UTF_8);
        tries.add(GB18030);
        for (Charset candidate : tries) {
            try {
                return candidate.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException next) {
                // the next one
            }
        }
        return new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset);
    }

    private static boolean singleByte(Charset charset) {
        return charset.canEncode() && charset.newEncoder().maxBytesPerChar() <= 1.0f;
    }

    private static Charset charset(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String name = declared.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (CHINESE.contains(name)) {
            return GB18030;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return null;
        }
    }

    /**
     * Without what intake refuses in any text (control, invisible and direction-changing characters, lone
     * surrogates): HTML mail is full of zero-width joiners and spacers a reader never sees.
     */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t') {
                out.appendCodePoint(c);
            } else if (c == '\r' || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE || c == 0xFFFE || c == 0xFFFF) {
                // dropped: a CR of a CRLF, or something nobody sees
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        document.select("head, title, style, script, noscript, template, svg, object, iframe").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    Element parent = text.parent();
                    boolean pre = parent != null && parent.nameIs("pre");
                    append(out, pre ? text.getWholeText() : text.text(), pre);
                } else if (node instanceof Element element && element.nameIs("br")) {
                    out.append('\n');
                } else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    newLine(out);
                    if (element.nameIs("li")) {
                        out.append("• ");
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())
                        && !element.nameIs("br")) {
                    newLine(out);
                }
            }
        }, document.body());
        return tidy(out.toString());
    }

    private static void append(StringBuilder out, String text, boolean pre) {
        if (text.isEmpty()) {
            return;
        }
        boolean lineStart = out.isEmpty() || out.charAt(out.length() - 1) == '\n';
        out.append(lineStart && !pre ? text.stripLeading() : text);
    }

    /** Ends the current line unless it has just ended: nested blocks make one line break, not several. */
    private static void newLine(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /** Trailing blanks off every line, at most one empty line in a row, none at either end. */
    static String tidy(String text) {
        String lines = text.replace("\r\n", "\n").replace('\u00a0', ' ').lines().map(String::stripTrailing)
                .reduce(new StringBuilder(), (b, line) -> b.append(line).append('\n'), StringBuilder::append)
                .toString();
        return lines.replaceAll("\n{3,}", "\n\n").strip();
    }
}
