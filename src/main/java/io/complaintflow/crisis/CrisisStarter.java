package io.complaintflow.crisis;

import static io.complaintflow.crisis.CrisisProcess.*;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.mass.MassIncident;
import io.complaintflow.mass.MassIncidentCritical;
import io.complaintflow.mass.MassIncidents;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Declares crises: for a G4 complaint (once per complaint — or once per mass incident when the complaint belongs
 * to one), for a mass incident, or by hand. Returns the crisis, new or already declared.
 */
@Service
public class CrisisStarter {

    private final RuntimeService runtime;
    private final Crises crises;
    private final ComplaintRepository complaints;
    private final MassIncidents incidents;

    public CrisisStarter(RuntimeService runtime, Crises crises, ComplaintRepository complaints,
                         MassIncidents incidents) {
        this.runtime = runtime;
        this.crises = crises;
        this.complaints = complaints;
        this.incidents = incidents;
    }

    public Crisis forComplaint(String caseNumber, String actor) {
        Optional<MassIncident> incident = incidents.ofComplaint(caseNumber);
        if (incident.isPresent()) {
            return forIncident(incident.get(), actor);
        }
        Optional<Crisis> existing = crises.forCase(caseNumber);
        if (existing.isPresent()) {
            return existing.get();
        }
        complaints.find(caseNumber).orElseThrow();
        // only the reference goes into the engine: the crisis takes its title and description from the complaint
        // record when it opens (CrisisService.open), so no customer's words sit in its start variables and history
        start(caseNumber, Crisis.COMPLAINT, caseNumber, null, null, null, actor);
        return crises.forCase(caseNumber).orElseThrow();
    }

    public Crisis forIncident(MassIncident incident, String actor) {
        Optional<Crisis> existing = crises.forIncident(incident.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        start(null, Crisis.MASS_INCIDENT, null, incident.id(),
                "群体事件 " + incident.label() + "：" + incident.product(),
                "同一产品「" + incident.product() + "」的集中投诉已达 " + incident.members().size() + " 件", actor);
        return crises.forIncident(incident.id()).orElseThrow();
    }

    /** A mass incident raised to G4 gets its crisis response. */
    @EventListener
    public void incidentCritical(MassIncidentCritical event) {
        forIncident(event.incident(), Actors.SYSTEM);
    }

    /** A crisis without a complaint behind it (a media story, the 3·15 gala). */
    public Crisis byHand(String source, String title, String description, String actor) {
        String processInstanceId = start(null, source, null, null, title, description, actor);
        return crises.find(crisisIdOf(processInstanceId)).orElseThrow();
    }

    /** A complaint's crisis as the crisis log, its mails and the PDCA handover name it. */
    static String title(String caseNumber, Complaint c) {
        return "危机投诉 " + caseNumber + "：" + (c.subject() == null ? "（无主题）" : c.subject());
    }

    private String start(String businessKey, String source, String caseNumber, Long incidentId, String title,
                         String description, String actor) {
        return runtime.createProcessInstanceByKey(KEY).businessKey(businessKey)
                .setVariables(Variables.createVariables()
                        .putValue(SOURCE, source)
                        .putValue(CASE_NUMBER, caseNumber)
                        .putValue(MASS_INCIDENT_ID, incidentId)
                        .putValue(TITLE, title)
                        .putValue(DESCRIPTION, description)
                        .putValue(INITIATOR, actor))
                .execute().getId();
    }

    private long crisisIdOf(String processInstanceId) {
        return ((Number) runtime.getVariable(processInstanceId, CRISIS_ID)).longValue();
    }
}
