package io.complaintflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * Every settings record is checked as the application starts: a wrong value stops it, and the operator reads which
 * property and why (Spring Boot's failure analysis, as printed at start-up). No database: only the records are bound.
 */
class SettingsValidationTest {

    @ConfigurationPropertiesScan("io.complaintflow")
    static class AllSettings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(AllSettings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            for (Class<?> type : SettingsRecords.all()) {
                assertThat(context).as(type.getName()).hasSingleBean(type);
            }
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            complaintflow.surge.check-interval   | -PT5M       | complaintflow.surge.check-interval
            complaintflow.surge.level-2          | 1.2         | complaintflow.surge.levels
            complaintflow.surge.baseline         | weekly      | complaintflow.surge.baseline
            complaintflow.mass.threshold         | 0           | complaintflow.mass.threshold
            complaintflow.security.max-body      | 0KB         | complaintflow.security.max-body
            complaintflow.calendar.horizon       | P0D         | complaintflow.calendar.horizon
            complaintflow.calendar.notice-from   | 1. Nov      | complaintflow.calendar.notice-from
            complaintflow.campaign.phase         | high        | complaintflow.campaign.phase
            complaintflow.zone                   | Asia/Peking | complaintflow.zone
            complaintflow.crisis.command-levels  | ''          | complaintflow.crisis.command-levels
            complaintflow.privacy.retention.standard | -P1Y    | complaintflow.privacy.retention.standard
            complaintflow.mail.dispatch-interval | PT0S        | complaintflow.mail.dispatch-interval
            complaintflow.mailbox.port           | 0           | complaintflow.mailbox.port
            complaintflow.public.survey-valid-for | P-14D      | complaintflow.public.survey-valid-for
            complaintflow.public-doors.total     | -1          | complaintflow.public-doors.total
            """)
    void aWrongValueStopsStartUpNamingTheProperty(String key, String value, String named) {
        runner.withPropertyValues(key + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            String report = analysis(context.getStartupFailure());
            // a value that does not convert is named as written, one that a constraint refuses as the record names it
            assertThat(report).as(report).containsAnyOf("Property: " + named, "Property: " + camel(named));
        });
    }

    /** {@code complaintflow.surge.check-interval} → {@code complaintflow.surge.checkInterval}. */
    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(c == '-' && i + 1 < name.length() ? Character.toUpperCase(name.charAt(++i)) : c);
        }
        return out.toString();
    }

    /** What Spring Boot prints when start-up fails: the first failure analyzer's description. */
    private static String analysis(Throwable failure) {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, ArgumentResolver.none(), FailureHandler.handleMessage((m, e) -> { }));
        return analyzers.stream().map(a -> a.analyze(failure)).filter(Objects::nonNull)
                .map(FailureAnalysis::getDescription).findFirst()
                .orElseThrow(() -> new AssertionError("no failure analysis for", failure));
    }
}
