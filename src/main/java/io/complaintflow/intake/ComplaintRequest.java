package io.complaintflow.intake;

import java.math.BigDecimal;

/** The body of {@code POST /api/complaints}, as the channel sends it; checked by {@link ComplaintRequestValidator}. */
public record ComplaintRequest(
        String channel,
        String externalRef,
        String regulator,
        String regulatorDeadline,
        CustomerRequest customer,
        String category,
        String product,
        String subject,
        String description,
        BigDecimal amountClaimed,
        String occurredAt,
        Boolean resolvedAtIntake,
        String resolution) {

    public record CustomerRequest(String name, String phone, String email, String customerId, Boolean vip) {
    }
}
