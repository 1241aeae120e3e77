package io.complaintflow.mailbox;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The readable text of a mail: the first text/plain part, else text/html without its tags. A part whose declared
 * charset Java does not know (or that lies about it) is decoded as UTF-8, else GBK, else UTF-8 with replacement
 * characters — a customer's mail is never lost for its encoding.
 */
final class MailText {

    private static final int MAX_DEPTH = 5;

    private MailText() {
    }

    static String of(Part part) throws MessagingException, IOException {
        String plain = find(part, "text/plain", 0);
        if (plain != null && !plain.isBlank()) {
            return plain.strip();
        }
        String html = find(part, "text/html", 0);
        return html == null ? null : stripTags(html).strip();
    }

    private static String find(Part part, String type, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return null;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = content(part);
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
                        continue;
                    }
                    String found = find(child, type, depth + 1);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
        if (!part.isMimeType(type)) {
            return null;
        }
        Object content = content(part);
        if (content instanceof String s) {
            return s;
        }
        return decode(part.getInputStream());
    }

    /** The parsed content, or the raw stream when the declared charset is unknown. */
    private static Object content(Part part) throws MessagingException, IOException {
        try {
            return part.getContent();
        } catch (java.io.UnsupportedEncodingException badCharset) {
            return decode(part.getInputStream());
        }
    }

    static String decode(InputStream in) throws IOException {
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        for (Charset charset : new Charset[] {StandardCharsets.UTF_8, Charset.forName("GBK")}) {
            try {
                return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException next) {
                // try the next one
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String stripTags(String html) {
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
                .replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n")
                .replaceAll("<[^>]+>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replaceAll("\n{3,}", "\n\n");
    }
}
