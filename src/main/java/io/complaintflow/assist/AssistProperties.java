package io.complaintflow.assist;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.assist.*}: text assistance (docs/assistance.md); the safety lexicon is
 * {@code complaintflow.assist.safety.*} (safety/SafetySettings).
 *
 * @param minTraining   below this many closed complaints the suggestion's source says "seed" (without seed data the
 *                      keyword baseline answers until then)
 * @param minConfidence below this category confidence a suggestion is flagged "low confidence"
 * @param maxTraining   the most recent closed complaints the model learns from
 * @param seed          learn from the labelled complaints shipped in the jar as well
 * @param retrainCron   retraining (Spring cron, business time zone); also at start-up and on
 *                      {@code POST /api/assist/retrain}
 * @param similarCount  similar closed complaints listed in the department and answer forms
 */
@Validated
@ConfigurationProperties("complaintflow.assist")
public record AssistProperties(
        @DefaultValue("200") @PositiveOrZero int minTraining,
        @DefaultValue("0.6") @DecimalMin("0") @DecimalMax("1") double minConfidence,
        @DefaultValue("20000") @Positive int maxTraining,
        @DefaultValue("true") boolean seed,
        @DefaultValue("0 30 2 * * *") @NotBlank String retrainCron,
        @DefaultValue("5") @PositiveOrZero int similarCount) {
}
