package io.complaintflow.assist;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Puts the suggestion recorded at intake into the triage review form when the task is created. */
@PublishedForModels
@Component("triageSuggestion")
class TriageSuggestionListener implements TaskListener {

    private final TextAssistance assistance;

    TriageSuggestionListener(TextAssistance assistance) {
        this.assistance = assistance;
    }

    @Override
    public void notify(DelegateTask task) {
        String text = assistance.suggestionText(task.getExecution().getProcessBusinessKey())
                .orElse("本投诉受理时未生成建议。");
        task.getExecution().setVariable(TextAssistance.SUGGESTION_TEXT, text);
    }
}
