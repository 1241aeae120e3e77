package io.complaintflow.mailbox;

/**
 * A file in a customer's mail. {@code content} is null when it was not kept ({@code notKept} says why); {@code size}
 * is then what is known of it.
 */
record MailAttachment(String name, String contentType, long size, byte[] content, String notKept) {

    boolean kept() {
        return content != null;
    }
}
