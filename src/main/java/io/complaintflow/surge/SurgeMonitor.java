package io.complaintflow.surge;

import io.complaintflow.complaint.BusinessClock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares intake over the sliding window with its baseline and starts surge-response at the matching level
 * when none runs. A running response reviews volume itself (its own timer) to raise the level or stand down.
 */
@Component
public class SurgeMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(SurgeMonitor.class);

    private final SurgeService surges;
    private final IntakeVolume intake;
    private final SurgeAssessor assessor;
    private final BusinessClock clock;

    public SurgeMonitor(SurgeService surges, IntakeVolume intake, SurgeAssessor assessor, BusinessClock clock) {
        this.surges = surges;
        this.intake = intake;
        this.assessor = assessor;
        this.clock = clock;
    }

    /** The business key of the response it started, if it started one. */
    public Optional<String> check() {
        if (surges.running().isPresent()) {
            return Optional.empty();
        }
        Volume volume = intake.measure(clock.now());
        int level = assessor.levelFor(volume);
        if (level == 0) {
            return Optional.empty();
        }
        String businessKey = surges.startByMonitor(volume, level);
        LOG.info("Surge response {} started at level {}: {}", businessKey, level, volume.describe());
        return Optional.of(businessKey);
    }
}
