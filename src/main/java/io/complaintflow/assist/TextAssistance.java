package io.complaintflow.assist;

import io.complaintflow.complaint.BusinessClock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
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
    private final int similarCount;

    public TextAssistance(AssistService assist, SuggestionOutcomes outcomes, BusinessClock clock,
                          @Value("${complaintflow.assist.similar-count:5}") int similarCount) {
        this.assist = assist;
        this.outcomes = outcomes;
        this.clock = clock;
        this.similarCount = similarCount;
    }

    /** Called in intake's transaction, after the complaint row exists. */
    public Assisted onIntake(String caseNumber, String text) {
        SensitiveWords.Detection detection = assist.detect(text);
        Suggestion suggestion = assist.suggest(text, detection);
        outcomes.record(caseNumber, suggestion, detection, clock.now());
        String similar = AssistService.similarText(assist.similar(text, caseNumber, similarCount));
        return new Assisted(suggestion, detection, similar);
    }

    public Optional<Suggestion> recorded(String caseNumber) {
        return outcomes.find(caseNumber).map(SuggestionOutcomes.Recorded::suggestion);
    }

    /** The sensitive topic found in the complaint's text at intake (an input of complaint-grading). */
    public String sensitiveTopic(String caseNumber) {
        return outcomes.find(caseNumber).map(r -> r.detection().topic()).orElse("none");
    }

    public Optional<String> suggestionText(String caseNumber) {
        return outcomes.find(caseNumber).map(r -> AssistService.suggestionText(r.suggestion(), r.detection()));
    }

    public void recordChoice(String caseNumber, String category, String department, String grade, String actor) {
        outcomes.choose(caseNumber, category, department, grade, actor, clock.now());
    }

    public record Assisted(Suggestion suggestion, SensitiveWords.Detection detection, String similarText) {
    }
}
