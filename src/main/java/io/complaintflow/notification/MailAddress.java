package io.complaintflow.notification;

import java.util.regex.Pattern;

/**
 * One mail address, and nothing that a mail library would read as several: no commas, semicolons, spaces,
 * quotes, angle brackets or group syntax ({@code "cust@example.org,all-staff"} is two recipients to SMTP).
 * Internationalised addresses ({@code 张三@例子.中国}) are single addresses too.
 */
public final class MailAddress {

    private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    private static final Pattern SINGLE = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+(?:\\p{L}{2,}|xn--[a-zA-Z0-9-]{2,})");

    private MailAddress() {
    }

    public static boolean isSingle(String address) {
        if (address == null || address.length() > 254) {
            return false;
        }
        int at = address.lastIndexOf('@');
        return at > 0 && at <= 64 && SINGLE.matcher(address).matches();
    }
}
