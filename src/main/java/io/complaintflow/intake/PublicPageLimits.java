package io.complaintflow.intake;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The rate limits of {@code complaintflow.public.*}: requests per client address and window on the no-login pages
 * (the survey's settings: callback/SurveyProperties).
 *
 * @param fileLimit    complaints filed …
 * @param fileWindow   … per this window
 * @param lookupLimit  case look-ups and survey answers …
 * @param lookupWindow … per this window
 */
@Validated
@ConfigurationProperties("complaintflow.public")
public record PublicPageLimits(@DefaultValue("5") @Positive int fileLimit,
                               @DefaultValue("PT1H") @Positive Duration fileWindow,
                               @DefaultValue("30") @Positive int lookupLimit,
                               @DefaultValue("PT10M") @Positive Duration lookupWindow) {
}
