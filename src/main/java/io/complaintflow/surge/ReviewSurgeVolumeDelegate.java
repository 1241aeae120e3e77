package io.complaintflow.surge;

import static io.complaintflow.surge.SurgeProcess.*;

import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.surge.SurgeAssessor.Assessment;
import io.complaintflow.surge.SurgeService.Review;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Measures intake again: raise, hold or stand down (the model's gateway reads {@code surgeTrend}). */
@PublishedForModels
@Component("surgeReview")
class ReviewSurgeVolumeDelegate implements JavaDelegate {

    private final SurgeService surges;

    ReviewSurgeVolumeDelegate(SurgeService surges) {
        this.surges = surges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Review review = surges.review(CallSurgeLevelDelegate.number(execution, LEVEL).intValue(),
                instant(execution, CALM_SINCE), instant(execution, HOLD_UNTIL));
        Assessment assessment = review.assessment();
        execution.setVariable(TREND, assessment.decision().code());
        execution.setVariable(LEVEL, assessment.level());
        execution.setVariable(CALM_SINCE, assessment.calmSince() == null ? null : Date.from(assessment.calmSince()));
        if (review.raisedBecause() != null) {
            execution.setVariable(REASON, review.raisedBecause());
        }
    }

    static Instant instant(DelegateExecution execution, String name) {
        Date date = (Date) execution.getVariable(name);
        return date == null ? null : date.toInstant();
    }
}
