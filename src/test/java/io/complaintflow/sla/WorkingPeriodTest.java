package io.complaintflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkingPeriodTest {

    @Test
    void parsesPeriodsInOrderOfTheirStart() {
        assertThat(WorkingPeriod.parse(" 13:30-18:00 , 09:00-12:00 ")).containsExactly(
                new WorkingPeriod(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                new WorkingPeriod(LocalTime.of(13, 30), LocalTime.of(18, 0)));
        assertThat(WorkingPeriod.parse("09:00-12:00").get(0).length()).isEqualTo(Duration.ofHours(3));
        assertThat(WorkingPeriod.parse("09:00-12:00").get(0).spec()).isEqualTo("09:00-12:00");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "9-12", "09:00", "09:00-12:00-13:00", "12:00-09:00", "09:00-09:00",
            "09:00-12:00,11:00-13:00", "09:00-25:00"})
    void rejectsBadPeriods(String spec) {
        assertThatThrownBy(() -> WorkingPeriod.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adjacentPeriodsAreFine() {
        assertThat(WorkingPeriod.parse("09:00-12:00,12:00-13:00")).hasSize(2);
    }
}
