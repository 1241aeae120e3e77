package io.complaintflow.campaign;

import org.springframework.beans.factory.annotation.Autowired;
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

    private final CampaignRuns runs;
    private final String override;

    @Autowired
    public CampaignPhase(CampaignRuns runs, CampaignProperties settings) {
        this(runs, settings.phase());
    }

    /** {@code override}: auto, none, pre, peak or post ({@link CampaignProperties} checks it at start-up). */
    CampaignPhase(CampaignRuns runs, String override) {
        this.runs = runs;
        this.override = override;
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
