package io.complaintflow.security;

/** Personal data as the public status page shows it: 张*, 138****1234. */
public final class Masking {

    private Masking() {
    }

    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String n = name.strip();
        int first = n.offsetByCodePoints(0, 1);
        int rest = Math.max(1, n.codePointCount(0, n.length()) - 1);
        return n.substring(0, first) + "*".repeat(rest);
    }

    public static String phone(String phone) {
        String digits = digits(phone);
        if (digits.length() >= 7) {
            return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
        }
        return digits.isEmpty() ? "" : "****" + digits.substring(Math.max(0, digits.length() - 2));
    }

    public static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("[^0-9]", "");
    }
}
