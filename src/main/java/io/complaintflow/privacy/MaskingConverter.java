package io.complaintflow.privacy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * {@code %mask(...)} in logback-spring.xml: personal data never reaches a log file whole, whoever logged it (our
 * code, Camunda's variable dumps, a stack trace) — every pattern of {@link PersonalText}: phones in every form intake
 * accepts, e-mail addresses, ID-card and bank card numbers, street addresses.
 */
public class MaskingConverter extends CompositeConverter<ILoggingEvent> {

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return mask(in);
    }

    public static String mask(String text) {
        return PersonalText.mask(text);
    }
}
