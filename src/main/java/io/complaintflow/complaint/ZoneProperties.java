package io.complaintflow.complaint;

import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.zone}: the business time zone.
 *
 * @param zone the case number's day, dates in forms, reports and the webapps; the calendar's working hours unless
 *             {@code complaintflow.calendar.zone} says otherwise
 */
@Validated
@ConfigurationProperties("complaintflow")
public record ZoneProperties(@DefaultValue("Asia/Shanghai") @NotNull ZoneId zone) {
}
