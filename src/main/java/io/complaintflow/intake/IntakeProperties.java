package io.complaintflow.intake;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.repeat-window}: intake's one top-level setting.
 *
 * @param repeatWindow the same customer (id or phone) within this window: a repeat complaint, linked and graded at
 *                     least G2
 */
@Validated
@ConfigurationProperties("complaintflow")
public record IntakeProperties(@DefaultValue("P30D") @Positive Duration repeatWindow) {
}
