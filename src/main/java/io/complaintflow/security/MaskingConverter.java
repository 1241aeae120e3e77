package io.complaintflow.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;
import java.util.regex.Pattern;

/**
 * {@code %mask(...)} in logback-spring.xml: phone numbers and e-mail addresses never reach a log file whole,
 * whoever logged them (our code, Camunda's variable dumps, a stack trace) — in every form intake accepts:
 * mobiles with or without {@code +86}/{@code 0086}, written with spaces or dashes ({@code 139-1234-5678}),
 * landlines with their area code ({@code 010-12345678}, {@code (0755) 1234 5678}), and internationalised
 * mail addresses ({@code 张三@例子.中国}).
 */
public class MaskingConverter extends CompositeConverter<ILoggingEvent> {

    private static final String NOT_IN_A_WORD_BEFORE = "(?<![0-9A-Za-z])";
    private static final String NOT_IN_A_WORD_AFTER = "(?![0-9A-Za-z])";
    private static final String COUNTRY = "(?:(?:\\+|00)86[\\s-]?)?";
    private static final Pattern MOBILE = Pattern.compile(NOT_IN_A_WORD_BEFORE + COUNTRY
            + "1[3-9]\\d(?:[\\s-]?\\d){8}" + NOT_IN_A_WORD_AFTER);
    /** Area code 0[1-9]x(x) (or without its 0 after +86), then 7–8 digits, possibly split 3/4+4. */
    private static final Pattern LANDLINE = Pattern.compile("(?<![0-9A-Za-z-])(?:(?:\\+|00)86[\\s-]?\\(?[1-9]\\d{1,2}\\)?"
            + "|\\(?0[1-9]\\d{1,2}\\)?)[\\s-]?\\d{3,4}[\\s-]?\\d{4}" + NOT_IN_A_WORD_AFTER);
    private static final Pattern EMAIL = Pattern.compile(
            "([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@((?:[\\p{L}\\p{N}-]+\\.)+(?:\\p{L}{2,}|xn--[A-Za-z0-9-]+))");

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return mask(in);
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // the same 138****1234 the public status page shows
        String masked = MOBILE.matcher(text).replaceAll(m -> Masking.phone(withoutCountry(m.group())));
        masked = LANDLINE.matcher(masked).replaceAll(m -> Masking.phone(withoutCountry(m.group())));
        return EMAIL.matcher(masked).replaceAll("$1***@$2");
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
