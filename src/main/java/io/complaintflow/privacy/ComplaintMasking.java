package io.complaintflow.privacy;

import io.complaintflow.complaint.ComplaintView;
import io.complaintflow.complaint.Customer;
import io.complaintflow.complaint.DepartmentAssignment;
import io.complaintflow.complaint.TimelineEntry;
import io.complaintflow.security.Masking;
import java.util.List;

/**
 * A complaint as a department sees it: the customer's contact details and every personal pattern in the free text
 * hidden (the customer's name wherever the text repeats it too); figures, dates, categories untouched.
 */
final class ComplaintMasking {

    private ComplaintMasking() {
    }

    static ComplaintView masked(ComplaintView v) {
        Customer c = v.customer();
        String name = c == null ? null : c.name();
        Customer customer = c == null ? null : new Customer(Masking.name(c.name()),
                c.phone() == null ? null : Masking.phone(c.phone()), PersonalText.maskEmail(c.email()),
                maskId(c.customerId()), c.vip());
        List<DepartmentAssignment> departments = v.departments() == null ? null : v.departments().stream()
                .map(d -> new DepartmentAssignment(d.department(), d.lead(), d.state(), text(d.proposal(), name),
                        d.compensation(), d.rootCause(), text(d.transferReason(), name), d.assignedAt(), d.updatedAt()))
                .toList();
        List<TimelineEntry> timeline = v.timeline() == null ? null : v.timeline().stream()
                .map(t -> new TimelineEntry(t.id(), t.at(), t.actor(), t.kind(), text(t.summary(), name),
                        text(t.detail(), name)))
                .toList();
        return new ComplaintView(v.caseNumber(), v.status(), v.grade(), v.category(), v.channel(), v.externalRef(),
                v.regulator(), v.regulatorDeadline(), customer, v.product(), text(v.subject(), name),
                text(v.description(), name), v.amountClaimed(), v.occurredAt(), v.resolvedAtIntake(), departments,
                v.repeatCount(), v.repeatOf(), v.transferCount(), v.rejectionCount(), v.reopenCount(),
                text(v.resolution(), name), v.compensation(), v.satisfactionScore(), v.deadlines(), v.createdAt(),
                v.updatedAt(), v.closedAt(), timeline, v.mergedInto(), v.mergedFrom(), v.closure());
    }

    /** Free text with the patterns masked and the customer's own name (two characters or more) replaced. */
    static String text(String text, String customerName) {
        if (text == null) {
            return null;
        }
        String masked = PersonalText.mask(text);
        if (customerName != null && customerName.strip().codePointCount(0, customerName.strip().length()) >= 2) {
            masked = masked.replace(customerName.strip(), Masking.name(customerName));
        }
        return masked;
    }

    static String maskId(String id) {
        if (id == null || id.isBlank()) {
            return id;
        }
        return id.length() <= 4 ? "****" : "****" + id.substring(id.length() - 4);
    }
}
