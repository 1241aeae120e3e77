package io.complaintflow.callback;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The satisfaction survey's part of {@code complaintflow.public.*} (the pages' rate limits: intake/PublicPageLimits).
 *
 * @param baseUrl        the public pages' address, for links in mails
 * @param surveyValidFor how long the satisfaction link in the closing mail stays valid
 */
@Validated
@ConfigurationProperties("complaintflow.public")
public record SurveyProperties(@DefaultValue("http://localhost:8080") @Pattern(regexp = "https?://\\S+") String baseUrl,
                               @DefaultValue("P14D") @Positive Duration surveyValidFor) {
}
