package io.complaintflow.privacy;

import io.complaintflow.security.Masking;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patterns of personal data in free text — what customers write into a description, what a handler copies into
 * a proposal, what a stack trace carries into a log: mobile and landline numbers (with or without {@code +86},
 * written with spaces or dashes), e-mail addresses (internationalised ones too), resident ID-card numbers, bank
 * card numbers (Luhn-checked) and street addresses. {@link #mask} hides each the way a department's view and the
 * log files show it; {@link PersonalData} names the structured fields.
 */
public final class PersonalText {

    public enum Kind { ID_CARD, BANK_CARD, MOBILE, LANDLINE, EMAIL, ADDRESS }

    public record Found(Kind kind, String text) {
    }

    private static final String NOT_IN_A_WORD_BEFORE = "(?<![0-9A-Za-z])";
    private static final String NOT_IN_A_WORD_AFTER = "(?![0-9A-Za-z])";
    private static final String COUNTRY = "(?:(?:\\+|00)86[\\s-]?)?";
    /** 18 digits (the last may be X): area, birth date, sequence, check digit. */
    static final Pattern ID_CARD = Pattern.compile(NOT_IN_A_WORD_BEFORE
            + "[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]" + NOT_IN_A_WORD_AFTER);
    /** 16–19 digits, optionally grouped by spaces or dashes; only numbers that pass the Luhn check count. */
    static final Pattern BANK_CARD = Pattern.compile(NOT_IN_A_WORD_BEFORE + "[3-6]\\d{3}(?:[\\s-]?\\d){12,15}"
            + NOT_IN_A_WORD_AFTER);
    static final Pattern MOBILE = Pattern.compile(NOT_IN_A_WORD_BEFORE + COUNTRY
            + "1[3-9]\\d(?:[\\s-]?\\d){8}" + NOT_IN_A_WORD_AFTER);
    /** Area code 0[1-9]x(x) (or without its 0 after +86), then 7–8 digits, possibly split 3/4+4. */
    static final Pattern LANDLINE = Pattern.compile("(?<![0-9A-Za-z-])(?:(?:\\+|00)86[\\s-]?\\(?[1-9]\\d{1,2}\\)?"
            + "|\\(?0[1-9]\\d{1,2}\\)?)[\\s-]?\\d{3,4}[\\s-]?\\d{4}" + NOT_IN_A_WORD_AFTER);
    static final Pattern EMAIL = Pattern.compile(
            "([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@((?:[\\p{L}\\p{N}-]+\\.)+(?:\\p{L}{2,}|xn--[A-Za-z0-9-]+))");
    /**
     * A street, lane or village with its house number and whatever building, unit and room follow: 建国路88号,
     * 科技园南路1号3栋201室, 幸福村12号. Province, city and district before it stay (they are what reports group by).
     */
    static final Pattern ADDRESS = Pattern.compile("(?:(?<=[省市区县镇乡旗])|(?<![\\p{IsHan}\\d]))"
            + "[\\p{IsHan}\\d&&[^省市区县镇乡旗]]{1,10}?(?:路|街|大道|巷|弄|胡同|村)\\s*\\d+(?:-\\d+)?\\s*号"
            + "(?:[\\p{IsHan}\\dA-Za-z-]{0,12}?(?:栋|幢|号楼|楼|单元|室|座))*");

    public static final String ADDRESS_MASK = "[地址已隐藏]";

    private PersonalText() {
    }

    /** The text with every pattern hidden: 138****5678, l***@example.com, 1101**********123X, ****1234. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = ID_CARD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(keepEnds(m.group(), 4, 4)));
        masked = BANK_CARD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(
                luhn(Masking.digits(m.group())) ? "****" + last(Masking.digits(m.group()), 4) : m.group()));
        // the same 138****1234 the public status page shows
        masked = MOBILE.matcher(masked).replaceAll(m -> Masking.phone(withoutCountry(m.group())));
        masked = LANDLINE.matcher(masked).replaceAll(m -> Masking.phone(withoutCountry(m.group())));
        masked = EMAIL.matcher(masked).replaceAll("$1***@$2");
        return ADDRESS.matcher(masked).replaceAll(Matcher.quoteReplacement(ADDRESS_MASK));
    }

    /** What the text holds, pattern by pattern (the privacy doc's examples; erasure's check of free text). */
    public static List<Found> find(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        java.util.ArrayList<Found> found = new java.util.ArrayList<>();
        add(found, Kind.ID_CARD, ID_CARD, text);
        BANK_CARD.matcher(text).results().filter(r -> luhn(Masking.digits(r.group())))
                .forEach(r -> found.add(new Found(Kind.BANK_CARD, r.group())));
        add(found, Kind.MOBILE, MOBILE, text);
        add(found, Kind.LANDLINE, LANDLINE, text);
        EMAIL.matcher(text).results().forEach(r -> found.add(new Found(Kind.EMAIL, r.group())));
        add(found, Kind.ADDRESS, ADDRESS, text);
        return found;
    }

    public static String maskEmail(String email) {
        if (email == null || email.isBlank()) {
            return email;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
    }

    private static void add(List<Found> found, Kind kind, Pattern pattern, String text) {
        pattern.matcher(text).results().forEach(r -> found.add(new Found(kind, r.group())));
    }

    private static String keepEnds(String s, int head, int tail) {
        return s.substring(0, head) + "*".repeat(s.length() - head - tail) + s.substring(s.length() - tail);
    }

    private static String last(String s, int n) {
        return s.substring(Math.max(0, s.length() - n));
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static String withoutCountry(String phone) {
        String digits = Masking.digits(phone);
        String p = phone.strip();
        if (p.startsWith("+86") || p.startsWith("0086")) {
            return digits.substring(p.startsWith("+") ? 2 : 4);
        }
        return digits;
    }
}
