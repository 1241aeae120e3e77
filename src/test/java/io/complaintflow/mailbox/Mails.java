package io.complaintflow.mailbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** Raw RFC 822 mails, written byte for byte as a test needs them (broken ones included). */
final class Mails {

    private static final AtomicInteger ID = new AtomicInteger();

    private Mails() {
    }

    static String newId() {
        return "<t" + ID.incrementAndGet() + "." + System.nanoTime() + "@customer.example>";
    }

    /** A mail with these header lines (a Message-ID is added unless one is given) and this body. */
    static byte[] raw(String headers, byte[] body) {
        String head = (headers.contains("Message-ID:") ? "" : "Message-ID: " + newId() + "\r\n")
                + "MIME-Version: 1.0\r\n" + headers.replace("\n", "\r\n").replace("\r\r\n", "\r\n") + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] raw(String headers, String body) {
        return raw(headers, body.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A UTF-8 text/plain mail, base64 in transfer (as most clients send Chinese). */
    static byte[] text(String from, String subject, String text) {
        return raw("From: " + from + "\nSubject: " + word(subject)
                        + "\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64",
                b64(text, StandardCharsets.UTF_8));
    }

    static String b64(String text, Charset charset) {
        return Base64.getMimeEncoder().encodeToString(text.getBytes(charset));
    }

    /** An RFC 2047 encoded word. */
    static String word(String text) {
        return word(text, StandardCharsets.UTF_8);
    }

    static String word(String text, Charset charset) {
        return "=?" + charset.name() + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(charset)) + "?=";
    }

    static String address(String who) {
        return who + ID.incrementAndGet() + "x" + (System.nanoTime() % 1_000_000) + "@customer.example";
    }
}
