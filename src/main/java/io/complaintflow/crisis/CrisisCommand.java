package io.complaintflow.crisis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The command ladder of a crisis: level 1 is the emergency group's commander on duty; when nobody acknowledges
 * within {@code acknowledge-within} (wall-clock: crises run day and night) the next level is called in as well.
 */
@Component("crisisCommand")
public class CrisisCommand {

    private final List<String> levels;
    private final Duration acknowledgeWithin;

    public CrisisCommand(CrisisProperties settings) {
        this.levels = settings.commandLevels().stream().map(String::strip).toList();
        this.acknowledgeWithin = settings.acknowledgeWithin();
    }

    /** The next level, or the last one again when every level has been called. */
    public int next(int level) {
        return Math.min(level + 1, levels.size());
    }

    /** The group called at {@code level}. */
    public String group(int level) {
        return levels.get(Math.min(level, levels.size()) - 1);
    }

    /** Candidate groups of the acknowledgement at {@code level}: every level called so far. */
    public String groups(int level) {
        return String.join(",", levels.subList(0, Math.min(level, levels.size())));
    }

    public Instant acknowledgeDue(Instant from) {
        return from.plus(acknowledgeWithin);
    }
}
