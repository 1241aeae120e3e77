package io.complaintflow.triage;

import static io.complaintflow.complaint.ComplaintProcess.*;

import io.complaintflow.assist.TextAssistance;
import io.complaintflow.campaign.CampaignPhase;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.mass.MassIncidentService;
import io.complaintflow.mass.MassIncidents;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.privacy.PersonalText;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Before complaint-grading: what the decision tables read comes from the complaint's record, as transient variables
 * — there for grading, routing, deadlines and the gateways of this same step, never stored or kept in history.
 * Only {@code category}, which the center's review form shows and changes, is an ordinary variable. The decision
 * history does keep the inputs of each evaluation, so the complaint's text reaches the table masked through the privacy
 * catalogue ({@link PersonalText}): the signal words its rules match stay, a phone, e-mail address, ID or bank card
 * number or street address the customer typed does not.
 */
@PublishedForModels
@Component("decisionInputs")
class DecisionInputsListener implements ExecutionListener {

    private final ComplaintRepository complaints;
    private final MassIncidents incidents;
    private final TextAssistance assistance;
    private final CampaignPhase campaignPhase;

    DecisionInputsListener(ComplaintRepository complaints, MassIncidents incidents, TextAssistance assistance,
                           CampaignPhase campaignPhase) {
        this.complaints = complaints;
        this.incidents = incidents;
        this.assistance = assistance;
        this.campaignPhase = campaignPhase;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Complaint c = complaints.find(execution.getBusinessKey()).orElseThrow();
        execution.setVariable(CATEGORY, Coded.codeOf(c.category()));
        transientValue(execution, REGULATOR, c.regulator());
        transientValue(execution, VIP, c.customer().vip());
        transientValue(execution, REPEAT_COUNT, c.repeatCount());
        transientValue(execution, AMOUNT_CLAIMED, c.amountClaimed() == null ? null : c.amountClaimed().doubleValue());
        // the decision's history keeps its inputs: the words the rules look for, never a phone or address typed in
        transientValue(execution, COMPLAINT_TEXT, PersonalText.mask(c.text()));
        transientValue(execution, RESOLVED_AT_INTAKE, c.resolvedAtIntake());
        transientValue(execution, MassIncidentService.SIZE,
                incidents.ofComplaint(c.caseNumber()).map(i -> i.members().size()).orElse(null));
        transientValue(execution, TextAssistance.SENSITIVE_TOPIC, assistance.sensitiveTopic(c.caseNumber()));
        transientValue(execution, "campaignPhase", campaignPhase.current());
    }

    static void transientValue(DelegateExecution execution, String name, Object value) {
        execution.setVariable(name, Variables.untypedValue(value, true));
    }
}
