package io.complaintflow.campaign;

import static io.complaintflow.config.SettingFormats.MONTH_DAY;
import static io.complaintflow.config.SettingFormats.TIME;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.campaign.*}: the yearly 3·15 campaign (docs/crises-and-315.md). Days are month-days
 * ({@code MM-dd}) in the business time zone; they must follow each other: start &lt; battle-from &lt; aftermath-from
 * &le; aftermath-until ({@link CampaignCalendar} checks the order).
 *
 * @param phase          input "campaign phase" of complaint-sla: {@code auto} = the running campaign's phase;
 *                       {@code none}, {@code pre}, {@code peak}, {@code post} override it
 * @param start          the yearly start; takes effect with the next deployment of campaign-315
 * @param startTime      the time of day of the start ({@code HH:mm})
 * @param battleFrom     first day of the battle (peak); preparation ends the day before
 * @param mediaWatch     when the media-watch task opens ({@code MM-ddTHH:mm})
 * @param aftermathFrom  first day of the aftermath (post)
 * @param aftermathUntil last day of the aftermath, inclusive
 * @param backlogAge     open complaints older than this become review work in preparation
 */
@Validated
@ConfigurationProperties("complaintflow.campaign")
public record CampaignProperties(
        @DefaultValue("auto") @Pattern(regexp = "auto|none|pre|peak|post") String phase,
        @DefaultValue("02-25") @Pattern(regexp = MONTH_DAY) String start,
        @DefaultValue("09:00") @Pattern(regexp = TIME) String startTime,
        @DefaultValue("03-11") @Pattern(regexp = MONTH_DAY) String battleFrom,
        @DefaultValue("03-15T20:00") @Pattern(regexp = MONTH_DAY + "T" + TIME) String mediaWatch,
        @DefaultValue("03-21") @Pattern(regexp = MONTH_DAY) String aftermathFrom,
        @DefaultValue("04-05") @Pattern(regexp = MONTH_DAY) String aftermathUntil,
        @DefaultValue("P7D") @Positive Duration backlogAge) {
}
