package io.complaintflow.surge;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.surge.*}: surge response (docs/crises-and-315.md). Intake in the sliding {@code window} is
 * compared with the baseline; level n starts when intake reaches {@code level-n} times the baseline.
 *
 * @param monitorEnabled run the monitor on this node (tests switch it off and call it themselves)
 * @param checkInterval  how often the monitor compares intake with its baseline (one node per interval in a cluster)
 * @param window         the sliding window of intake
 * @param baseline       {@code same-hour}: the mean of the same window in the last {@code weeks} weeks, at least
 *                       {@code min-baseline}; {@code fixed}: {@code fixed-rate}
 * @param weeks          same-hour: weeks averaged
 * @param minBaseline    same-hour: the lowest baseline
 * @param fixedRate      fixed: complaints per window that are normal
 * @param level1         intake ÷ baseline that calls level 1 …
 * @param level2         … level 2 …
 * @param level3         … and level 3 (each above the one before)
 * @param reviewInterval how often a running response reviews intake
 * @param standDownAfter a running response stands down after intake stayed below level 1 this long
 */
@Validated
@ConfigurationProperties("complaintflow.surge")
public record SurgeProperties(
        @DefaultValue("true") boolean monitorEnabled,
        @DefaultValue("PT5M") @Positive Duration checkInterval,
        @DefaultValue("PT1H") @Positive Duration window,
        @DefaultValue(SurgeSettings.SAME_HOUR) @Pattern(regexp = "same-hour|fixed") String baseline,
        @DefaultValue("4") @Positive int weeks,
        @DefaultValue("10") @Positive double minBaseline,
        @DefaultValue("30") @Positive double fixedRate,
        @Name("level-1") @DefaultValue("1.5") @Positive double level1,
        @Name("level-2") @DefaultValue("2.0") double level2,
        @Name("level-3") @DefaultValue("3.0") double level3,
        @DefaultValue("PT15M") @Positive Duration reviewInterval,
        @DefaultValue("PT2H") @Positive Duration standDownAfter) {

    /** Checked at start-up with the rest: named {@code levels} in the message. */
    @AssertTrue(message = "level-1 < level-2 < level-3 expected")
    public boolean isLevels() {
        return level1 < level2 && level2 < level3;
    }
}
