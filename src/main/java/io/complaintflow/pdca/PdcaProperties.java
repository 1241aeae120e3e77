package io.complaintflow.pdca;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.pdca.*}: PDCA reviews (docs/pdca.md).
 *
 * @param schedule          the start timer: {@code monthly} (the 1st, 09:00 business time) or a Camunda timer cycle
 *                          ({@code R/…/P…}, cron); takes effect with the next deployment of pdca-review
 * @param observationWindow after every action is done, effects are observed this long; "before" is as long
 * @param reminderBefore    an action's department is reminded this long before its due day ends
 */
@Validated
@ConfigurationProperties("complaintflow.pdca")
public record PdcaProperties(
        @DefaultValue("monthly") @NotBlank String schedule,
        @DefaultValue("P30D") @Positive Duration observationWindow,
        @DefaultValue("P3D") @PositiveOrZero Duration reminderBefore) {
}
