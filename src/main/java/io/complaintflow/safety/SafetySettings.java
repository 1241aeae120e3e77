package io.complaintflow.safety;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Safety detection settings ({@code complaintflow.assist.safety}).
 *
 * @param lexiconFile a deployer's lexicon in the format of {@code assist/safety-lexicon.txt}, added to the built-in
 *                    one at start-up; none when empty
 */
@Validated
@ConfigurationProperties(prefix = "complaintflow.assist.safety")
public record SafetySettings(Path lexiconFile) {
}
