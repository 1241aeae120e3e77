package io.complaintflow.surge;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The level logic, free of the database and the engine: which level a volume calls for, and what a running
 * surge does next — raise while volume climbs, hold, or stand down once intake has stayed below the level-1
 * threshold for {@code stand-down-after} (and not before a hand-started surge's planned end).
 */
@Component
public class SurgeAssessor {

    public static final int MAX_LEVEL = 3;

    private final SurgeSettings settings;

    public SurgeAssessor(SurgeSettings settings) {
        this.settings = settings;
    }

    public int levelFor(Volume volume) {
        List<Double> thresholds = settings.thresholds();
        int level = 0;
        for (int i = 0; i < thresholds.size(); i++) {
            if (volume.ratio() >= thresholds.get(i)) {
                level = i + 1;
            }
        }
        return level;
    }

    public Assessment assess(Volume volume, int currentLevel, Instant calmSince, Instant holdUntil) {
        Instant now = volume.at();
        int measured = levelFor(volume);
        if (measured > 0) {
            return measured > currentLevel
                    ? new Assessment(Decision.RAISE, measured, null)
                    : new Assessment(Decision.HOLD, currentLevel, null);
        }
        Instant calm = calmSince == null ? now : calmSince;
        boolean calmLongEnough = !now.isBefore(calm.plus(settings.standDownAfter()));
        boolean planPassed = holdUntil == null || !now.isBefore(holdUntil);
        return calmLongEnough && planPassed
                ? new Assessment(Decision.STAND_DOWN, currentLevel, calm)
                : new Assessment(Decision.HOLD, currentLevel, calm);
    }

    public enum Decision {
        RAISE, HOLD, STAND_DOWN;

        /** As the model's gateway reads it. */
        public String code() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** What to do, the level to be at, and since when intake has been calm (null while it is not). */
    public record Assessment(Decision decision, int level, Instant calmSince) {
    }
}
