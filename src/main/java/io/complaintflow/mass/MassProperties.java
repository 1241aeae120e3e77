package io.complaintflow.mass;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.mass.*}: mass incidents (docs/crises-and-315.md).
 *
 * @param window    open complaints about one product and category within this window form an incident, which
 *                  closes when a whole window passes without a new one
 * @param threshold … from this many complaints on
 */
@Validated
@ConfigurationProperties("complaintflow.mass")
public record MassProperties(@DefaultValue("PT24H") @Positive Duration window,
                             @DefaultValue("5") @Positive int threshold) {
}
