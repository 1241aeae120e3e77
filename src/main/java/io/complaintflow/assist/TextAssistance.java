package io.complaintflow.assist;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What intake and the triage review take from text assistance; intake records the suggestion with the complaint. */
@Component
public class TextAssistance {

    public static final String SENSITIVE_TOPIC = "sensitiveTopic";
    public static final String SUGGESTION_TEXT = "assistSuggestion";
    public static final String SIMILAR_TEXT = "similarComplaints";

    private final AssistService assist;
    private final SuggestionOutcomes outcomes;
    private final BusinessClock clock;
    private final Timeline timeline;

    public TextAssistance(AssistService assist, SuggestionOutcomes outcomes, BusinessClock clock, Timeline timeline) {
        this.timeline = timeline;
        this.assist = assist;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Called in intake's transaction, after the complaint row exists. A safety signal goes into the timeline with
     * its words (and, as topic {@code safety}, into complaint-grading).
     */
    public Assisted onIntake(String caseNumber, String text) {
        SensitiveWords.Detection detection = assist.detect(text);
        Suggestion suggestion = assist.suggest(text, detection);
        outcomes.record(caseNumber, suggestion, detection, clock.now());
        if (detection.safety().flagged()) {
            String summary = "识别到人身安全信号：" + detection.safety().summary();
            timeline.record(caseNumber, Actors.SYSTEM, TimelineKind.SAFETY_FLAGGED,
                    summary.length() <= 480 ? summary : summary.substring(0, 479) + "…", "至少定为 G3，并由投诉中心复核");
        }
        return new Assisted(suggestion, detection);
    }

    public Optional<Suggestion> recorded(String caseNumber) {
        return outcomes.find(caseNumber).map(SuggestionOutcomes.Recorded::suggestion);
    }

    /** The sensitive topic found in the complaint's text at intake (an input of complaint-grading). */
    public String sensitiveTopic(String caseNumber) {
        return outcomes.find(caseNumber).map(r -> r.detection().topic()).orElse("none");
    }

    public Optional<String> suggestionText(String caseNumber) {
        return outcomes.find(caseNumber)
                .map(r -> AssistService.suggestionText(r.suggestion(), r.detection(), r.safetyEvidence()));
    }

    public void recordChoice(String caseNumber, String category, String department, String grade, String actor) {
        outcomes.choose(caseNumber, category, department, grade, actor, clock.now());
    }

    public record Assisted(Suggestion suggestion, SensitiveWords.Detection detection) {
    }
}
