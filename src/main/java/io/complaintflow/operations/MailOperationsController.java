package io.complaintflow.operations;

import io.complaintflow.notification.MailOutage;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' mail actions (administrators only, AccessMatrix): "retry all" after an SMTP outage — every held mail queued again at once, the outage's incident in Cockpit resolved.
 */
@RestController
@RequestMapping("/api/operations/mail")
class MailOperationsController {

    private final MailOutage outage;

    public MailOperationsController(MailOutage outage) {
        this.outage = outage;
    }

    @PostMapping("/retry-all")
    public Map<String, Integer> retryAll() {
        return Map.of("released", outage.retryAll());
    }
}
