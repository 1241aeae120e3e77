package io.complaintflow.webapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.webapp.*}: what our script adds to Camunda's webapps (docs/webapps.md).
 *
 * @param banner one line of plain text at the top of Tasklist, Cockpit, Admin and Welcome; empty: no banner
 */
@Validated
@ConfigurationProperties("complaintflow.webapp")
public record WebappProperties(@DefaultValue("") String banner) {
}
