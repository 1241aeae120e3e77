package io.complaintflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.sla.DeadlineDuration.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeadlineDurationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "PT4H,          WORKING_TIME,  PT4H,   0",
            "PT30M,         WORKING_TIME,  PT30M,  0",
            "PT1H30M,       WORKING_TIME,  PT1H30M, 0",
            "P1D,           WORKING_DAYS,  PT0S,   1",
            "P5D,           WORKING_DAYS,  PT0S,   5",
            "cal:P15D,      CALENDAR_DAYS, PT0S,   15",
            "elapsed:PT30M, ELAPSED,       PT30M,  0",
            "elapsed:P1D,   ELAPSED,       PT24H,  0"})
    void parsesEachKindAndRoundTrips(String spec, Kind kind, Duration time, int days) {
        DeadlineDuration duration = DeadlineDuration.parse(spec);
        assertThat(duration).isEqualTo(new DeadlineDuration(kind, time, days));
        assertThat(duration.spec()).isEqualTo(spec);
        assertThat(DeadlineDuration.parse(duration.spec())).isEqualTo(duration);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "' PT4H ',        PT4H",
            "pt90m,           PT1H30M",
            "PT240M,          PT4H",
            "elapsed:PT24H,   elapsed:P1D",
            "elapsed:P1DT2H,  elapsed:PT26H",
            "elapsed:PT0.5S,  elapsed:PT0.5S"})
    void specIsCanonical(String spec, String canonical) {
        assertThat(DeadlineDuration.parse(spec).spec()).isEqualTo(canonical);
        assertThat(DeadlineDuration.parse(canonical)).isEqualTo(DeadlineDuration.parse(spec));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {"", "  ", "4h", "four hours", "P", "PT", "P1M", "P1Y", "P1W", "P1DT4H", "P0D", "PT0S",
            "-PT4H", "PT-4H", "-P5D", "P-5D", "P1.5D", "PT1.5H", "cal:", "cal:PT4H", "cal:P0D", "cal:P1W",
            "elapsed:", "elapsed:P1M", "elapsed:PT0S", "elapsed:-PT1H", "Cal:P15D", "foo:P1D", "P9999999D",
            "P5D ,", "PT4H;DROP"})
    void rejectsGarbageNamingIt(String spec) {
        assertThatThrownBy(() -> DeadlineDuration.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid deadline duration '" + spec + "'");
    }

    @Test
    void factoriesCheckTheirKind() {
        assertThat(DeadlineDuration.workingTime(Duration.ofHours(4))).isEqualTo(DeadlineDuration.parse("PT4H"));
        assertThat(DeadlineDuration.workingDays(5)).isEqualTo(DeadlineDuration.parse("P5D"));
        assertThat(DeadlineDuration.calendarDays(15)).isEqualTo(DeadlineDuration.parse("cal:P15D"));
        assertThat(DeadlineDuration.elapsed(Duration.ofMinutes(30))).isEqualTo(DeadlineDuration.parse("elapsed:PT30M"));
        assertThatThrownBy(() -> new DeadlineDuration(Kind.WORKING_DAYS, Duration.ofHours(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeadlineDuration(Kind.WORKING_TIME, Duration.ofHours(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadlineDuration.calendarDays(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
