package io.complaintflow.crisis;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.crisis.*}: the command ladder of a crisis (docs/crises-and-315.md).
 *
 * @param commandLevels     the groups that acknowledge command, level by level (comma-separated)
 * @param acknowledgeWithin wall-clock time (crises run day and night) before the next level is called in as well
 */
@Validated
@ConfigurationProperties("complaintflow.crisis")
public record CrisisProperties(
        @DefaultValue({"emergency-group", "emergency-senior"}) @NotEmpty List<@NotBlank String> commandLevels,
        @DefaultValue("PT15M") @Positive Duration acknowledgeWithin) {
}
