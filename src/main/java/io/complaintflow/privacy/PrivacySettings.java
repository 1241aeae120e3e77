package io.complaintflow.privacy;

import java.time.Period;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Personal data settings ({@code complaintflow.privacy}).
 *
 * @param fullViewGroups  groups that see a complaint's personal data in full through the API; everyone else sees it
 *                        masked and reveals a customer's contact details with a logged action
 * @param retention       how long a closed complaint keeps its personal data before the nightly job anonymises it
 * @param legalHold       record-keeping duties: a closed complaint forwarded by one of these regulators may not be
 *                        erased on request before this period has passed since it closed
 * @param retentionJob    when the nightly job runs
 */
@ConfigurationProperties(prefix = "complaintflow.privacy")
public record PrivacySettings(
        @DefaultValue({"complaint-center", "complaint-center-lead", "complaint-managers", "privacy-officers",
                "camunda-admin"}) List<String> fullViewGroups,
        @DefaultValue Retention retention,
        Map<String, Period> legalHold,
        @DefaultValue RetentionJob retentionJob) {

    public PrivacySettings {
        legalHold = legalHold == null ? Map.of("nfra", Period.ofYears(5)) : Map.copyOf(legalHold);
    }

    /**
     * @param standard    the default after closing (PIPL Art. 19: no longer than necessary)
     * @param byChannel   per intake channel code ({@code hotline}, {@code email}, …), overriding the default
     * @param byRegulator per regulator code ({@code nfra}, {@code 12315}, …), overriding channel and default
     */
    public record Retention(@DefaultValue("P3Y") Period standard,
                            Map<String, Period> byChannel,
                            Map<String, Period> byRegulator) {

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
                               @DefaultValue("0 0 2 * * *") String cron,
                               @DefaultValue("500") int batch) {
    }
}
