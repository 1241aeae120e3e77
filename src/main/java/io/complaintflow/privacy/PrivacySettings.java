package io.complaintflow.privacy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Personal data settings ({@code complaintflow.privacy}).
 *
 * @param fullViewGroups  groups that see a complaint's personal data in full through the API; everyone else sees it
 *                        masked and reveals a customer's contact details with a logged action
 * @param retention       how long a closed complaint keeps its personal data before the nightly job anonymises it
 * @param legalHold       record-keeping duties: a closed complaint forwarded by one of these regulators may not be
 *                        erased on request before this period has passed since it closed
 * @param retentionJob    when the nightly job runs
 * @param erasureWatchInterval how soon every other node's text assistant forgets an erased text (one indexed count
 *                        per interval)
 */
@Validated
@ConfigurationProperties(prefix = "complaintflow.privacy")
public record PrivacySettings(
        @DefaultValue({"complaint-center", "complaint-center-lead", "complaint-managers", "privacy-officers",
                "camunda-admin"}) @NotEmpty List<String> fullViewGroups,
        @DefaultValue @Valid Retention retention,
        Map<String, @Positive Period> legalHold,
        @DefaultValue @Valid RetentionJob retentionJob,
        @DefaultValue("PT1M") @Positive Duration erasureWatchInterval) {

    public PrivacySettings {
        legalHold = legalHold == null ? Map.of("nfra", Period.ofYears(5)) : Map.copyOf(legalHold);
    }

    /**
     * @param standard    the default after closing (PIPL Art. 19: no longer than necessary)
     * @param byChannel   per intake channel code ({@code hotline}, {@code email}, …), overriding the default
     * @param byRegulator per regulator code ({@code nfra}, {@code 12315}, …), overriding channel and default
     */
    public record Retention(@DefaultValue("P3Y") @Positive Period standard,
                            Map<String, @Positive Period> byChannel,
                            Map<String, @Positive Period> byRegulator) {

        public Retention {
            byChannel = byChannel == null ? Map.of() : Map.copyOf(byChannel);
            byRegulator = byRegulator == null ? Map.of("nfra", Period.ofYears(5)) : Map.copyOf(byRegulator);
        }

        public Period of(String channel, String regulator) {
            if (regulator != null && byRegulator.containsKey(regulator)) {
                return byRegulator.get(regulator);
            }
            if (channel != null && byChannel.containsKey(channel)) {
                return byChannel.get(channel);
            }
            return standard;
        }
    }

    /**
     * @param enabled whether this node schedules the job (each node may; the run of a day is claimed once)
     * @param cron    when, in the business time zone
     * @param batch   at most this many complaints per run (the rest the next night)
     */
    public record RetentionJob(@DefaultValue("true") boolean enabled,
                               @DefaultValue("0 0 2 * * *") @NotBlank String cron,
                               @DefaultValue("500") @Positive int batch) {
    }
}
