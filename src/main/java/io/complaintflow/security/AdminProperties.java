package io.complaintflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.admin.*}: the first administrator of the {@code prod} profile ({@link ProductionGuard}), created
 * before the server listens when nobody is in {@code camunda-admin}; empty elsewhere. The guard, not a constraint,
 * refuses a missing or weak password, and only then.
 *
 * @param user     the administrator's id ({@code COMPLAINTFLOW_ADMIN_USER})
 * @param password the administrator's password ({@code COMPLAINTFLOW_ADMIN_PASSWORD})
 */
@Validated
@ConfigurationProperties("complaintflow.admin")
public record AdminProperties(@DefaultValue("") String user, @DefaultValue("") String password) {
}
