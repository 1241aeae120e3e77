package io.complaintflow.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;
import io.complaintflow.intake.Masking;
import java.util.regex.Pattern;

/**
 * {@code %mask(...)} in logback-spring.xml: phone numbers and e-mail addresses never reach a log file whole,
 * whoever logged them (our code, Camunda's variable dumps, a stack trace).
 */
public class MaskingConverter extends CompositeConverter<ILoggingEvent> {

    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return mask(in);
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // the same 138****1234 the public status page shows
        String masked = MOBILE.matcher(text).replaceAll(m -> Masking.phone(m.group()));
        return EMAIL.matcher(masked).replaceAll("$1***@$2");
    }
}
