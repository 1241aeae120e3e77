package io.complaintflow.web;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The part of {@code complaintflow.security.*} this package enforces (the other sizes: security/SecurityProperties).
 *
 * @param maxEngineRestBody largest JSON body to Camunda's REST API ({@code /engine-rest}, Tasklist's
 *                          {@code /camunda/api/engine}): read and checked before Camunda sees it
 */
@Validated
@ConfigurationProperties("complaintflow.security")
public record EngineRestProperties(@DefaultValue("1MB") @Positive DataSize maxEngineRestBody) {
}
