package io.complaintflow.surge;

import io.complaintflow.modelpolicy.PublishedForModels;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The surge thresholds of {@link SurgeProperties}, as the monitor and surge-response read them. Intake in the
 * sliding {@code window} is compared with the baseline: the average of the same window in the last {@code weeks}
 * weeks ({@code same-hour}, never below {@code min-baseline}), or {@code fixed-rate}. Level n starts when intake
 * reaches {@code level-n} times the baseline.
 */
@PublishedForModels
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

    public SurgeSettings(SurgeProperties settings) {
        this.baseline = settings.baseline();
        this.weeks = settings.weeks();
        this.fixedRate = settings.fixedRate();
        this.minBaseline = settings.minBaseline();
        this.window = settings.window();
        this.thresholds = List.of(settings.level1(), settings.level2(), settings.level3());
        this.standDownAfter = settings.standDownAfter();
        this.reviewInterval = settings.reviewInterval();
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
