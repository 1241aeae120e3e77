package io.complaintflow.surge;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The surge thresholds (configuration, see docs/crises-and-315.md). Intake in the sliding {@code window} is compared with the
 * baseline: the average of the same window in the last {@code weeks} weeks ({@code same-hour}, never below
 * {@code min-baseline}), or {@code fixed-rate}. Level n starts when intake reaches {@code level-n} times the
 * baseline.
 */
@Component("surgeSettings")
public class SurgeSettings {

    public static final String SAME_HOUR = "same-hour";
    public static final String FIXED = "fixed";

    private final String baseline;
    private final int weeks;
    private final double fixedRate;
    private final double minBaseline;
    private final Duration window;
    private final List<Double> thresholds;
    private final Duration standDownAfter;
    private final Duration reviewInterval;

    public SurgeSettings(@Value("${complaintflow.surge.baseline:same-hour}") String baseline,
                         @Value("${complaintflow.surge.weeks:4}") int weeks,
                         @Value("${complaintflow.surge.fixed-rate:30}") double fixedRate,
                         @Value("${complaintflow.surge.min-baseline:10}") double minBaseline,
                         @Value("${complaintflow.surge.window:PT1H}") Duration window,
                         @Value("${complaintflow.surge.level-1:1.5}") double level1,
                         @Value("${complaintflow.surge.level-2:2.0}") double level2,
                         @Value("${complaintflow.surge.level-3:3.0}") double level3,
                         @Value("${complaintflow.surge.stand-down-after:PT2H}") Duration standDownAfter,
                         @Value("${complaintflow.surge.review-interval:PT15M}") Duration reviewInterval) {
        if (!SAME_HOUR.equals(baseline) && !FIXED.equals(baseline)) {
            throw new IllegalStateException("complaintflow.surge.baseline must be same-hour or fixed: " + baseline);
        }
        if (!(level1 > 0 && level1 < level2 && level2 < level3)) {
            throw new IllegalStateException("complaintflow.surge.level-1 < level-2 < level-3 expected");
        }
        this.baseline = baseline;
        this.weeks = weeks;
        this.fixedRate = fixedRate;
        this.minBaseline = minBaseline;
        this.window = window;
        this.thresholds = List.of(level1, level2, level3);
        this.standDownAfter = standDownAfter;
        this.reviewInterval = reviewInterval;
    }

    public String baseline() {
        return baseline;
    }

    public int weeks() {
        return weeks;
    }

    public double fixedRate() {
        return fixedRate;
    }

    public double minBaseline() {
        return minBaseline;
    }

    public Duration window() {
        return window;
    }

    /** Multiples of the baseline for levels 1, 2 and 3. */
    public List<Double> thresholds() {
        return thresholds;
    }

    public Duration standDownAfter() {
        return standDownAfter;
    }

    /** Read by the model's review timer. */
    public String getReviewInterval() {
        return reviewInterval.toString();
    }
}
