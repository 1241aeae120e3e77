package io.complaintflow.mailbox;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a mail from its raw bytes (RFC 822, as the IMAP server stores it) — parsed here rather than by the server, so
 * every server gives the same result and a broken structure is seen rather than silently read as "no body".
 */
final class MailParser {

    static final int MAX_TEXT = 4900;
    private static final int MAX_DEPTH = 6;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,490}>");
    private static final Set<String> AUTO_PRECEDENCE = Set.of("auto_reply", "bulk", "junk");

    private final Session session;
    private final long maxAttachmentBytes;
    private final int maxAttachments;

    MailParser(long maxAttachmentBytes, int maxAttachments) {
        Properties properties = new Properties();
        properties.put("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(properties);
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.maxAttachments = maxAttachments;
    }

    /** A mail read whole. */
    ParsedMail parse(byte[] raw) throws MessagingException {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        Map<Problem, String> problems = new EnumMap<>(Problem.class);
        Body body = new Body(problems);
        walk(message, 0, body);
        String text = body.text();
        AutoReply autoReply = autoReply(message, body);
        return mail(message, text, body.attachments, problems, autoReply, raw.length,
                text != null ? text : body.attachments.isEmpty() ? "" : String.valueOf(body.attachments.size()));
    }

    /** A mail above the size limit: only its header was read; {@code attachmentNames} come from the server. */
    ParsedMail headersOnly(byte[] header, int size, long limit, List<String> attachmentNames)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(header));
        Map<Problem, String> problems = new EnumMap<>(Problem.class);
        problems.put(Problem.TOO_LARGE, "约 " + kb(size) + "，上限 " + kb(limit));
        List<MailAttachment> attachments = attachmentNames.stream()
                .map(name -> new MailAttachment(name, "application/octet-stream", 0, null, "邮件过大，未读取"))
                .toList();
        String text = "（邮件过大：约 " + kb(size) + "，超过 " + kb(limit) + " 的上限，正文与附件未读取；"
                + "原邮件已移至投诉邮箱的待人工处理文件夹）";
        return mail(message, text, attachments, problems, autoReply(message, null), size, "size:" + size);
    }

    /** A mail the MIME parser gave up on: what its header lines still tell, for a person to look at. */
    ParsedMail unparsable(byte[] raw, String error) {
        Map<Problem, String> problems = new EnumMap<>(Problem.class);
        problems.put(Problem.UNREADABLE, error);
        InternetAddress from = null;
        String subject = null;
        String messageId = null;
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw), true);
            messageId = clip(headers.getHeader("Message-ID", null), 490);
            String fromHeader = headers.getHeader("From", null);
            InternetAddress[] parsed = fromHeader == null ? new InternetAddress[0]
                    : InternetAddress.parseHeader(fromHeader, false);
            from = parsed.length > 0 && parsed[0].getAddress() != null && parsed[0].getAddress().contains("@")
                    ? parsed[0] : null;
            String rawSubject = headers.getHeader("Subject", null);
            subject = rawSubject == null ? null : clip(MailText.clean(MimeUtility.decodeText(
                    MimeUtility.unfold(rawSubject))).strip(), 200);
        } catch (MessagingException | IOException | RuntimeException nothingUsable) {
            // the header is as broken as the rest
        }
        if (from == null) {
            problems.put(Problem.NO_SENDER, "From 无法识别");
        }
        String content;
        try {
            content = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        return new ParsedMail(reference(messageId, from, null, subject, content), messageId, from, subject,
                List.of(), AutoReply.NONE, "（邮件无法解析：" + error + "；原邮件已移至投诉邮箱的待人工处理文件夹）",
                List.of(), problems, raw.length);
    }

    private ParsedMail mail(MimeMessage message, String text, List<MailAttachment> attachments,
                            Map<Problem, String> problems, AutoReply autoReply, int size, String content)
            throws MessagingException {
        InternetAddress from = sender(message);
        if (from == null) {
            problems.put(Problem.NO_SENDER, header(message, "From") == null ? "没有 From" : "From 无法识别");
        }
        String subject = subject(message);
        String messageId = clip(header(message, "Message-ID"), 490);
        // the mail answered directly first, then the thread from its newest mail back
        List<String> thread = new ArrayList<>(messageIds(header(message, "In-Reply-To")));
        List<String> references = messageIds(header(message, "References"));
        java.util.Collections.reverse(references);
        thread.addAll(references);
        String reference = reference(messageId, from, header(message, "Date"), subject, content);
        return new ParsedMail(reference, messageId, from, subject, List.copyOf(new LinkedHashSet<>(thread)),
                autoReply, text, List.copyOf(attachments), problems, size);
    }

    // --- the body ---

    /** What the walk over the parts found. */
    private static final class Body {
        final List<String> texts = new ArrayList<>();
        final List<MailAttachment> attachments = new ArrayList<>();
        final Map<Problem, String> problems;
        String deliveryStatus;
        InternetHeaders original;

        Body(Map<Problem, String> problems) {
            this.problems = problems;
        }

        String text() {
            String joined = String.join("\n\n", texts.stream().filter(t -> !t.isBlank()).toList());
            String text = MailText.tidy(MailText.clean(joined));
            return text.isBlank() ? null : clip(text, MAX_TEXT);
        }
    }

    private void walk(Part part, int depth, Body body) throws MessagingException {
        if (depth > MAX_DEPTH) {
            body.problems.putIfAbsent(Problem.BROKEN_MIME, "嵌套过深");
            return;
        }
        String type = baseType(part);
        if (type.startsWith("multipart/")) {
            walkMultipart(part, type, depth, body);
        } else if (type.equals("message/delivery-status")) {
            body.deliveryStatus = MailText.decode(bytes(part, body, Integer.MAX_VALUE), "US-ASCII");
        } else if ((type.equals("text/rfc822-headers") || type.equals("message/rfc822")) && body.original == null
                && isReport(body)) {
            try (InputStream in = part.getInputStream()) {
                body.original = new InternetHeaders(in, true);
            } catch (IOException unreadable) {
                body.original = null;
            }
        } else if ((type.equals("text/plain") || type.equals("text/html")) && !isFile(part)) {
            byte[] bytes = bytes(part, body, Integer.MAX_VALUE);
            if (bytes != null) {
                String text = MailText.decode(bytes, charset(part));
                body.texts.add(type.equals("text/html") ? MailText.htmlToText(text) : text);
            }
        } else {
            attachment(part, type, body);
        }
    }

    private static boolean isReport(Body body) {
        return body.deliveryStatus != null;
    }

    private void walkMultipart(Part part, String type, int depth, Body body) throws MessagingException {
        Object content;
        try {
            content = part.getContent();
        } catch (ParseException | IOException broken) {
            body.problems.put(Problem.BROKEN_MIME, broken.getMessage());
            body.texts.add(salvage(part));
            return;
        }
        if (!(content instanceof MimeMultipart multipart)) {
            body.problems.put(Problem.BROKEN_MIME, "multipart 无法解析");
            return;
        }
        if (!multipart.isComplete()) {
            body.problems.put(Problem.BROKEN_MIME, "缺少结束边界（邮件可能被截断）");
        }
        if (multipart.getCount() == 0) {
            body.problems.put(Problem.BROKEN_MIME, "multipart 中没有任何部分");
            return;
        }
        if (type.equals("multipart/alternative")) {
            BodyPart chosen = alternative(multipart, "text/plain");
            walk(chosen == null ? multipart.getBodyPart(multipart.getCount() - 1) : chosen, depth + 1, body);
            return;
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            walk(multipart.getBodyPart(i), depth + 1, body);
        }
    }

    /** The plain text of an alternative when it holds text, else its richest (last) part. */
    private static BodyPart alternative(Multipart multipart, String preferred) throws MessagingException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart candidate = multipart.getBodyPart(i);
            if (candidate.isMimeType(preferred) && candidate.getSize() != 0) {
                try (InputStream in = candidate.getInputStream()) {
                    if (!new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).isBlank()) {
                        return candidate;
                    }
                } catch (IOException unreadable) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The raw content of a multipart whose boundaries do not parse, minus what looks like MIME scaffolding. */
    private static String salvage(Part part) {
        try (InputStream in = part instanceof MimeMessage m ? m.getRawInputStream()
                : ((MimeBodyPart) part).getRawInputStream()) {
            String raw = MailText.decode(in.readNBytes(64 * 1024), null);
            StringBuilder kept = new StringBuilder();
            for (String line : raw.lines().toList()) {
                String l = line.strip().toLowerCase(Locale.ROOT);
                if (!l.startsWith("--") && !l.startsWith("content-") && !l.startsWith("mime-version")) {
                    kept.append(line).append('\n');
                }
            }
            String text = kept.toString();
            return text.contains("<") && text.contains(">") ? MailText.htmlToText(text) : text;
        } catch (IOException | MessagingException | ClassCastException unreadable) {
            return "";
        }
    }

    private void attachment(Part part, String type, Body body) throws MessagingException {
        String name = fileName(part, type, body.attachments.size() + 1);
        if (body.attachments.stream().filter(MailAttachment::kept).count() >= maxAttachments) {
            body.attachments.add(new MailAttachment(name, type, Math.max(0, part.getSize()), null,
                    "超过每封邮件 " + maxAttachments + " 个附件的上限"));
            body.problems.put(Problem.ATTACHMENT_NOT_KEPT, name);
            return;
        }
        byte[] bytes = bytes(part, body, maxAttachmentBytes + 1);
        if (bytes == null) {
            body.attachments.add(new MailAttachment(name, type, Math.max(0, part.getSize()), null, "无法读取"));
            return;
        }
        if (bytes.length > maxAttachmentBytes) {
            body.attachments.add(new MailAttachment(name, type, bytes.length, null,
                    "超过 " + kb(maxAttachmentBytes) + " 的上限"));
            body.problems.put(Problem.ATTACHMENT_NOT_KEPT, name);
            return;
        }
        body.attachments.add(new MailAttachment(name, type, bytes.length, bytes, null));
    }

    /** The decoded content, at most {@code max} bytes; null (and the problem noted) when it cannot be decoded. */
    private static byte[] bytes(Part part, Body body, long max) {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max));
        } catch (IOException | MessagingException unreadable) {
            body.problems.put(Problem.UNREADABLE, unreadable.getMessage());
            body.texts.add("（此部分无法读取：" + unreadable.getMessage() + "；原邮件已移至投诉邮箱的待人工处理文件夹）");
            return null;
        }
    }

    private static boolean isFile(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileNameOf(part) != null;
    }

    private static String fileName(Part part, String type, int index) {
        String name = fileNameOf(part);
        if (name == null) {
            name = type.equals("message/rfc822") ? "转发的邮件-" + index + ".eml" : "附件-" + index;
        }
        StringBuilder safe = new StringBuilder();
        name.codePoints().filter(c -> c >= 0x20 && c != 0x7f && "/\\:*?\"<>|".indexOf(c) < 0
                        && Character.getType(c) != Character.FORMAT)
                .forEach(safe::appendCodePoint);
        String cleaned = safe.toString().strip();
        return clip(cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? "附件-" + index : cleaned, 200);
    }

    private static String fileNameOf(Part part) {
        try {
            String name = part.getFileName();
            if (name == null || name.isBlank()) {
                return null;
            }
            // RFC 2047 words in a file name (Outlook, Foxmail) are not standard, so not decoded by the parser
            return name.contains("=?") ? MimeUtility.decodeText(name) : name;
        } catch (MessagingException | IOException badParameter) {
            return null;
        }
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException unparsable) {
            return "text/plain";
        }
    }

    private static String charset(Part part) {
        try {
            return new ContentType(part.getContentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException unparsable) {
            return null;
        }
    }

    // --- machines ---

    /** Headers of RFC 3834 and the common vendor ones; a delivery report (RFC 3464) or an MDN. */
    private static AutoReply autoReply(MimeMessage message, Body body) throws MessagingException {
        if (body != null && body.deliveryStatus != null) {
            return bounce(body);
        }
        String type = baseType(message);
        if (type.equals("multipart/report")) {
            String reportType = parameter(message, "report-type");
            return new AutoReply(AutoReply.Kind.AUTO_REPLY, "multipart/report; report-type=" + reportType, null);
        }
        String submitted = header(message, "Auto-Submitted");
        if (submitted != null && !submitted.split(";")[0].strip().equalsIgnoreCase("no")) {
            return new AutoReply(AutoReply.Kind.AUTO_REPLY, "Auto-Submitted: " + submitted, null);
        }
        for (String name : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponder"}) {
            String value = header(message, name);
            if (value != null && !value.equalsIgnoreCase("no")) {
                return new AutoReply(AutoReply.Kind.AUTO_REPLY, name + ": " + value, null);
            }
        }
        for (String name : new String[] {"Precedence", "X-Precedence"}) {
            String value = header(message, name);
            if (value != null && AUTO_PRECEDENCE.contains(value.strip().toLowerCase(Locale.ROOT))) {
                return new AutoReply(AutoReply.Kind.AUTO_REPLY, name + ": " + value, null);
            }
        }
        String failed = header(message, "X-Failed-Recipients");
        if (failed != null) {
            return new AutoReply(AutoReply.Kind.BOUNCE, "X-Failed-Recipients",
                    new AutoReply.Bounce(addresses(failed), null, List.of(), null));
        }
        return AutoReply.NONE;
    }

    private static AutoReply bounce(Body body) {
        List<String> failed = new ArrayList<>();
        String diagnostic = null;
        // per-recipient groups are separated by blank lines; the first group is about the reporting server
        for (String group : body.deliveryStatus.replace("\r\n", "\n").split("\n\\s*\n")) {
            Map<String, String> fields = fields(group);
            String action = fields.getOrDefault("action", "").toLowerCase(Locale.ROOT);
            String recipient = fields.getOrDefault("final-recipient", fields.get("original-recipient"));
            if (recipient != null && action.startsWith("failed")) {
                failed.addAll(addresses(recipient.contains(";") ? recipient.substring(recipient.indexOf(';') + 1)
                        : recipient));
                if (diagnostic == null) {
                    diagnostic = fields.getOrDefault("diagnostic-code", fields.get("status"));
                }
            }
        }
        List<String> originalIds = new ArrayList<>();
        String originalSubject = null;
        if (body.original != null) {
            originalIds.addAll(messageIds(body.original.getHeader("Message-ID", null)));
            String subject = body.original.getHeader("Subject", null);
            if (subject != null) {
                try {
                    originalSubject = MimeUtility.decodeText(MimeUtility.unfold(subject));
                } catch (IOException undecodable) {
                    originalSubject = subject;
                }
            }
        }
        if (failed.isEmpty()) {
            return new AutoReply(AutoReply.Kind.AUTO_REPLY, "delivery-status（无失败收件人：延迟或成功通知）", null);
        }
        return new AutoReply(AutoReply.Kind.BOUNCE, "multipart/report; report-type=delivery-status",
                new AutoReply.Bounce(List.copyOf(failed), clip(diagnostic, 480), List.copyOf(originalIds),
                        clip(originalSubject, 200)));
    }

    private static Map<String, String> fields(String group) {
        Map<String, String> fields = new java.util.HashMap<>();
        String current = null;
        for (String line : group.split("\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
                fields.computeIfPresent(current, (k, v) -> v + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                current = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                fields.putIfAbsent(current, line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    // --- headers ---

    private static InternetAddress sender(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress address
                    && address.getAddress() != null && address.getAddress().contains("@")) {
                address.validate();
                return address;
            }
        } catch (MessagingException | RuntimeException badHeader) {
            // no usable sender: a problem for a person, noted by the caller
        }
        return null;
    }

    private static String subject(MimeMessage message) {
        try {
            String subject = MailText.clean(message.getSubject());
            return subject == null || subject.isBlank() ? null : clip(subject.replace('\n', ' ').strip(), 200);
        } catch (MessagingException badHeader) {
            return null;
        }
    }

    static String header(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 || values[0].isBlank() ? null
                    : MimeUtility.unfold(values[0]).strip();
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    private static String parameter(Part part, String name) {
        try {
            return new ContentType(part.getContentType()).getParameter(name);
        } catch (MessagingException | RuntimeException unparsable) {
            return null;
        }
    }

    static List<String> messageIds(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher matcher = MESSAGE_ID.matcher(header);
            while (matcher.find()) {
                ids.add(matcher.group());
            }
        }
        return ids;
    }

    private static List<String> addresses(String list) {
        List<String> found = new ArrayList<>();
        for (String candidate : list.split("[,\\s]+")) {
            String address = candidate.replaceAll("^<|>$", "").strip();
            if (address.contains("@")) {
                found.add(address.toLowerCase(Locale.ROOT));
            }
        }
        return found;
    }

    /** A stable id of the mail within the channel: its Message-ID, else sender, date, subject and content. */
    static String reference(String messageId, InternetAddress from, String date, String subject, String content) {
        String id = messageId != null ? messageId
                : (from == null ? "" : from.getAddress()) + "|" + date + "|" + subject + "|" + content;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "MAIL-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String kb(long bytes) {
        return bytes >= 1024 * 1024 ? String.format("%.1f MB", bytes / 1048576.0) : (bytes + 1023) / 1024 + " KB";
    }

    static String clip(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 8)) + "…（已截断）";
    }
}
