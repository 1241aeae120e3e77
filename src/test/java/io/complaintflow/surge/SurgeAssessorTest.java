package io.complaintflow.surge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.TestSettings;
import io.complaintflow.surge.SurgeAssessor.Assessment;
import io.complaintflow.surge.SurgeAssessor.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The level logic on a clock the test controls: thresholds, raising, holding, and standing down. */
class SurgeAssessorTest {

    private static final Instant T0 = Instant.parse("2031-03-15T02:00:00Z");

    private final SurgeAssessor assessor = new SurgeAssessor(settings(Duration.ofHours(2)));

    @ParameterizedTest(name = "{0} complaints against a baseline of {1} → level {2}")
    @CsvSource(textBlock = """
            14, 10, 0
            15, 10, 1
            19, 10, 1
            20, 10, 2
            29, 10, 2
            30, 10, 3
            300, 10, 3
            0, 0, 0
            """)
    void theLevelIsTheHighestThresholdTheRatioReaches(long count, double baseline, int level) {
        assertThat(assessor.levelFor(new Volume(T0, count, baseline))).isEqualTo(level);
    }

    @Test
    void aRunningSurgeRisesWithVolumeAndNeverDropsALevelWhileVolumeIsHigh() {
        assertThat(assessor.assess(volume(0, 22), 1, null, null))
                .isEqualTo(new Assessment(Decision.RAISE, 2, null));
        assertThat(assessor.assess(volume(0, 35), 1, null, null))
                .as("straight to the level the volume calls for").isEqualTo(new Assessment(Decision.RAISE, 3, null));
        assertThat(assessor.assess(volume(0, 16), 2, null, null))
                .as("volume eased but is still above level 1: hold level 2").isEqualTo(new Assessment(Decision.HOLD, 2, null));
        assertThat(assessor.assess(volume(0, 40), 3, null, null)).isEqualTo(new Assessment(Decision.HOLD, 3, null));
    }

    @Test
    void itStandsDownOnlyAfterVolumeStayedBelowTheLevel1ThresholdForTheConfiguredTime() {
        Assessment first = assessor.assess(volume(0, 8), 2, null, null);
        assertThat(first).isEqualTo(new Assessment(Decision.HOLD, 2, T0));

        Assessment later = assessor.assess(volume(119, 5), 2, first.calmSince(), null);
        assertThat(later).as("1 h 59 min calm").isEqualTo(new Assessment(Decision.HOLD, 2, T0));

        assertThat(assessor.assess(volume(120, 5), 2, later.calmSince(), null))
                .isEqualTo(new Assessment(Decision.STAND_DOWN, 2, T0));
    }

    @Test
    void aNewClimbResetsTheCalmPeriod() {
        Assessment calm = assessor.assess(volume(0, 8), 1, null, null);
        Assessment climbed = assessor.assess(volume(60, 16), 1, calm.calmSince(), null);
        assertThat(climbed).isEqualTo(new Assessment(Decision.HOLD, 1, null));

        Assessment calmAgain = assessor.assess(volume(90, 3), 1, climbed.calmSince(), null);
        assertThat(calmAgain.calmSince()).isEqualTo(T0.plus(Duration.ofMinutes(90)));
        assertThat(assessor.assess(volume(150, 3), 1, calmAgain.calmSince(), null).decision())
                .as("only one hour since the new calm began").isEqualTo(Decision.HOLD);
    }

    @Test
    void aSurgeStartedByHandHoldsUntilItsPlannedEndEvenWhenCalm() {
        Instant monthEnd = T0.plus(Duration.ofHours(6));
        assertThat(assessor.assess(volume(300, 0), 1, T0, monthEnd).decision()).isEqualTo(Decision.HOLD);
        assertThat(assessor.assess(volume(360, 0), 1, T0, monthEnd).decision()).isEqualTo(Decision.STAND_DOWN);
    }

    private static Volume volume(long minutesAfterT0, long count) {
        return new Volume(T0.plus(Duration.ofMinutes(minutesAfterT0)), count, 10);
    }

    static SurgeSettings settings(Duration standDownAfter) {
        return new SurgeSettings(TestSettings.bind(SurgeProperties.class,
                "complaintflow.surge.stand-down-after=" + standDownAfter));
    }
}
