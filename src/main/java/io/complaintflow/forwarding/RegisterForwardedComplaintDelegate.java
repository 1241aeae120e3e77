package io.complaintflow.forwarding;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.IntakeService;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.web.InvalidRequestException;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Turns the internal forwarding start form into a normal complaint of channel {@code internal}, validated as intake
 * validates; a bad form is refused (nothing started, the form stays open). The forwarding instance takes the case
 * number as its business key, and the forwarder is written into the complaint's timeline.
 */
@PublishedForModels
@Component("registerForwardedComplaint")
class RegisterForwardedComplaintDelegate implements JavaDelegate {

    private static final Map<String, String> LABELS = Map.of(
            "customer.name", "客户姓名", "customer.phone", "客户电话", "customer.email", "客户邮箱",
            "category", "投诉类别", "product", "涉及产品或服务", "subject", "主题", "description", "投诉内容",
            "externalRef", "转交编号");

    private final IntakeService intake;
    private final Timeline timeline;
    private final Actors actors;

    RegisterForwardedComplaintDelegate(IntakeService intake, Timeline timeline, Actors actors) {
        this.intake = intake;
        this.timeline = timeline;
        this.actors = actors;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the person who started the forwarding, as the engine knows them — never what the form says
        String forwarder = actors.current();
        execution.setVariable("forwarder", forwarder);
        String department = FormValues.requiredText(execution.getVariable("forwarderDepartment"), "转交人所在部门");
        String via = FormValues.text(execution.getVariable("receivedVia"));
        ComplaintRequest request = new ComplaintRequest("internal", "FWD-" + execution.getProcessInstanceId(), null,
                null, new CustomerRequest(text(execution, "customerName"), text(execution, "customerPhone"),
                text(execution, "customerEmail"), null, false), text(execution, "category"),
                text(execution, "product"), text(execution, "subject"), text(execution, "description"), null, null,
                false, null);
        String caseNumber;
        try {
            caseNumber = intake.accept(request, forwarder).complaint().caseNumber();
        } catch (InvalidRequestException e) {
            throw FormValues.invalid(e.errors().stream()
                    .map(error -> LABELS.getOrDefault(error.field(), error.field()) + "：" + error.message())
                    .collect(Collectors.joining("；")));
        }
        if (department.length() > 100) {
            department = department.substring(0, 100);
        }
        timeline.record(caseNumber, forwarder, TimelineKind.FORWARDED,
                "由 " + department + " " + forwarder + " 转交投诉中心" + (via == null ? "" : "（" + via + "）"),
                "内部转交流程 " + execution.getProcessInstanceId());
        execution.setVariable("caseNumber", caseNumber);
        execution.setProcessBusinessKey(caseNumber);
    }

    private static String text(DelegateExecution execution, String name) {
        return FormValues.text(execution.getVariable(name));
    }
}
