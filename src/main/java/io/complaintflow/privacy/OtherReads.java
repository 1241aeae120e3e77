package io.complaintflow.privacy;

import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.crisis.Crisis;
import io.complaintflow.crisis.CrisisView;
import io.complaintflow.crisis.CrisisEvent;
import io.complaintflow.mailbox.MailRecord;
import io.complaintflow.mass.MassIncident;
import io.complaintflow.mass.MassIncidents;
import io.complaintflow.privacy.PersonalData.Visibility;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The other doors that hand out what customers wrote — mass incidents ({@code /api/mass-incidents}: the answer decided
 * once, the product as customers named it), the mailbox ({@code /api/mailbox}: senders, subjects and texts of mails,
 * strangers' too) and crises ({@code /api/crises}: a G4 complaint's crisis carries its subject and description, the
 * call to the customer, the log) — under the same policy as the complaint API ({@link ComplaintReads}): masked unless
 * the reader's groups see personal data in full ({@link PersonalData}), and every read in the {@link AccessLog} — a mass
 * incident (or its crisis) as a read of each complaint it links, a mail as a read of its complaint ({@code MAIL-<id>}
 * when it has none), a complaint's crisis as a read of the complaint.
 */
@ControllerAdvice(basePackageClasses = {MassIncident.class, MailRecord.class, Crisis.class}) // mass/, mailbox/, crisis/
class OtherReads implements ResponseBodyAdvice<Object> {

    private final PersonalData personalData;
    private final AccessLog log;
    private final ComplaintRepository complaints;
    private final MassIncidents incidents;

    OtherReads(PersonalData personalData, AccessLog log, ComplaintRepository complaints, MassIncidents incidents) {
        this.personalData = personalData;
        this.log = log;
        this.complaints = complaints;
        this.incidents = incidents;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return body;
        }
        Visibility visibility = personalData.visibilityFor(ComplaintReads.groups());
        boolean full = visibility == Visibility.FULL;
        String seen = full ? "personal data in full" : "personal data masked";
        if (body instanceof MassIncident incident) {
            record(auth, incident, seen);
            return full ? incident : masked(incident);
        }
        if (body instanceof MailRecord mail) {
            record(auth, mail, seen);
            return full ? mail : masked(mail);
        }
        if (body instanceof Crisis crisis) {
            record(auth, crisis, seen);
            return full ? crisis : masked(crisis);
        }
        if (body instanceof CrisisView view) {
            record(auth, view.crisis(), seen);
            if (full) {
                return view;
            }
            String name = customerName(view.crisis());
            return new CrisisView(masked(view.crisis()), view.log().stream().map(e -> new CrisisEvent(e.id(), e.at(),
                    e.actor(), e.kind(), ComplaintMasking.text(e.summary(), name),
                    ComplaintMasking.text(e.detail(), name))).toList());
        }
        if (body instanceof List<?> list && !list.isEmpty()
                && (list.stream().allMatch(MassIncident.class::isInstance)
                || list.stream().allMatch(MailRecord.class::isInstance)
                || list.stream().allMatch(Crisis.class::isInstance))) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof MassIncident incident) {
                    record(auth, incident, seen);
                    out.add(full ? incident : masked(incident));
                } else if (item instanceof Crisis crisis) {
                    record(auth, crisis, seen);
                    out.add(full ? crisis : masked(crisis));
                } else {
                    MailRecord mail = (MailRecord) item;
                    record(auth, mail, seen);
                    out.add(full ? mail : masked(mail));
                }
            }
            return out;
        }
        return body;
    }

    private void record(Authentication auth, Crisis crisis, String seen) {
        List<String> cases = crisis.caseNumber() != null ? List.of(crisis.caseNumber())
                : crisis.massIncidentId() != null ? incidents.find(crisis.massIncidentId()).map(MassIncident::members)
                .orElse(List.of()) : List.of();
        if (!cases.isEmpty()) {
            log.record(auth.getName(), cases, AccessLog.Door.CRISIS, "crisis " + crisis.businessKey() + ", " + seen);
        }
    }

    private String customerName(Crisis crisis) {
        return crisis.caseNumber() == null ? null
                : complaints.find(crisis.caseNumber()).map(Complaint::customer).map(c -> c.name()).orElse(null);
    }

    /** Everything written about the crisis, as a department would see it; a complaint's customer name hidden too. */
    Crisis masked(Crisis c) {
        String name = customerName(c);
        return new Crisis(c.id(), c.businessKey(), c.processInstanceId(), c.source(), c.caseNumber(), c.massIncidentId(),
                ComplaintMasking.text(c.title(), name), ComplaintMasking.text(c.description(), name), c.declaredBy(),
                c.declaredAt(), c.commandLevel(), c.commander(), c.acknowledgedAt(),
                ComplaintMasking.text(c.statement(), name), c.statementPublishedAt(), c.customerContactedAt(),
                ComplaintMasking.text(c.customerContactNote(), name), ComplaintMasking.text(c.regulatorLiaison(), name),
                c.endedAt());
    }

    private void record(Authentication auth, MassIncident incident, String seen) {
        log.record(auth.getName(), incident.members(), AccessLog.Door.MASS_INCIDENT,
                "mass incident " + incident.label() + ", " + seen);
    }

    private void record(Authentication auth, MailRecord mail, String seen) {
        log.record(auth.getName(), List.of(mail.caseNumber() != null ? mail.caseNumber() : "MAIL-" + mail.id()),
                AccessLog.Door.MAILBOX, "mail " + mail.id() + " (sender, subject, text), " + seen);
    }

    static MassIncident masked(MassIncident i) {
        return new MassIncident(i.id(), i.category(), PersonalText.mask(i.product()), i.status(), i.grade(),
                i.openedAt(), PersonalText.mask(i.answer()), i.compensation(), i.answeredBy(), i.answeredAt(),
                i.members());
    }

    static MailRecord masked(MailRecord m) {
        return new MailRecord(m.id(), m.mailbox(), m.receivedAt(), m.handledAt(), m.handledBy(),
                PersonalText.mask(m.sender()), PersonalText.mask(m.subject()), m.sizeBytes(), m.outcome(), m.problems(),
                PersonalText.mask(m.detail()), m.caseNumber(), PersonalText.mask(m.text()), m.reviewState(),
                m.resolvedBy(), m.resolvedAt(), PersonalText.mask(m.resolution()));
    }
}
