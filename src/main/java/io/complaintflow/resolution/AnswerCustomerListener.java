package io.complaintflow.resolution;

import static io.complaintflow.complaint.ComplaintProcess.ANSWER;

import io.complaintflow.complaint.Actors;
import io.complaintflow.engine.FormValues;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

@Component("customerAnswered")
public class AnswerCustomerListener implements TaskListener {

    private final ResolutionService resolution;
    private final Actors actors;

    public AnswerCustomerListener(ResolutionService resolution, Actors actors) {
        this.resolution = resolution;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        resolution.drafted(task.getExecution().getBusinessKey(),
                FormValues.requiredText(task.getVariable(ANSWER), "答复内容"),
                FormValues.decimal(task.getVariable("compensation"), "补偿金额"), actors.of(task), task);
    }
}
