package io.complaintflow.surge;

import static io.complaintflow.surge.SurgeProcess.*;

import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.surge.SurgeService.Registration;
import io.complaintflow.surge.SurgeService.SurgeRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the activation; refuses a second surge while one runs. */
@PublishedForModels
@Component("surgeRegister")
class RegisterSurgeDelegate implements JavaDelegate {

    private final SurgeService surges;

    RegisterSurgeDelegate(SurgeService surges) {
        this.surges = surges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Number windowCount = (Number) execution.getVariable(WINDOW_COUNT);
        Registration registered = surges.register(new SurgeRequest(execution.getProcessInstanceId(),
                execution.getProcessBusinessKey(), FormValues.integer(execution.getVariable(LEVEL), "响应级别"),
                (String) execution.getVariable(TRIGGER), FormValues.text(execution.getVariable(INITIATOR)),
                FormValues.text(execution.getVariable(REASON)), holdUntil(execution.getVariable(HOLD_UNTIL)),
                windowCount == null ? null : windowCount.longValue(),
                windowCount == null ? null : ((Number) execution.getVariable(BASELINE)).doubleValue()));
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(registered.businessKey());
        }
        execution.setVariable(ACTIVATION_ID, registered.id());
        execution.setVariable(LEVEL, registered.level());
        execution.setVariable(TRIGGER, registered.trigger());
        execution.setVariable(REASON, registered.reason());
        execution.setVariable(HOLD_UNTIL, registered.holdUntil() == null ? null : Date.from(registered.holdUntil()));
        execution.setVariable(CALLED_LEVEL, 0);
        execution.setVariable(CALM_SINCE, null);
        execution.setVariable(SUMMARY, registered.summary());
    }

    /** A date picked in the start form (end of that day), or the date the monitor or the API passed. */
    private Instant holdUntil(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = FormValues.text(value);
        if (text == null) {
            return null;
        }
        try {
            return surges.endOfDay(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (DateTimeParseException e) {
            throw FormValues.invalid("计划持续日期格式应为 2026-03-31");
        }
    }
}
