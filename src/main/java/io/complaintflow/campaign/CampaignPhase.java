package io.complaintflow.campaign;

import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The 3·15 campaign phase that complaint-sla reads at intake: the running campaign's phase, unless the property
 * {@code complaintflow.campaign.phase} overrides it with a fixed value (none, pre, peak, post).
 */
@Component
public class CampaignPhase {

    public static final String NONE = "none";
    public static final String PRE = "pre";
    public static final String PEAK = "peak";
    public static final String POST = "post";
    public static final String AUTO = "auto";
    private static final Set<String> PHASES = Set.of(NONE, PRE, PEAK, POST);

    private final CampaignRuns runs;
    private final String override;

    public CampaignPhase(CampaignRuns runs, @Value("${complaintflow.campaign.phase:auto}") String override) {
        String value = override == null || override.isBlank() ? AUTO : override.strip();
        if (!value.equals(AUTO) && !PHASES.contains(value)) {
            throw new IllegalStateException("complaintflow.campaign.phase must be auto, none, pre, peak or post: " + value);
        }
        this.runs = runs;
        this.override = value;
    }

    public String current() {
        return AUTO.equals(override) ? runs.runningPhase().orElse(NONE) : override;
    }

    public static String label(String phase) {
        return switch (phase) {
            case PRE -> "备战期";
            case PEAK -> "高峰期";
            case POST -> "后续期";
            default -> "非活动期";
        };
    }
}
