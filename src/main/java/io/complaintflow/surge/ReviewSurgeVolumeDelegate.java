package io.complaintflow.surge;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Measures intake again: raise, hold or stand down. */
@PublishedForModels
@Component("surgeReview")
public class ReviewSurgeVolumeDelegate implements JavaDelegate {

    private final SurgeService surges;

    public ReviewSurgeVolumeDelegate(SurgeService surges) {
        this.surges = surges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        surges.review(execution);
    }
}
