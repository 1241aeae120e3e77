package io.complaintflow.privacy;

import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Customer;
import io.complaintflow.security.ReadScopes;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The explicit, logged action that shows a department the customer's contact details it sees masked, to call or
 * write to the customer: {@code GET /api/complaints/{caseNumber}/contact}, for whoever may read the complaint.
 */
@RestController
class ContactController {

    private final ComplaintRepository complaints;
    private final AccessLog log;

    public ContactController(ComplaintRepository complaints, AccessLog log) {
        this.complaints = complaints;
        this.log = log;
    }

    @GetMapping("/api/complaints/{caseNumber}/contact")
    public Customer reveal(@PathVariable String caseNumber, Principal reader) {
        Customer customer = complaints.find(caseNumber)
                .filter(c -> complaints.readable(caseNumber, ReadScopes.current()))
                .map(c -> c.customer())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有工单 " + caseNumber));
        log.record(reader.getName(), List.of(caseNumber), AccessLog.Door.REVEAL, "contact details (name, phone, e-mail)");
        return customer;
    }
}
