package io.complaintflow.sla;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Starts, pauses, resumes, extends and stops a complaint's deadlines on the business calendar. Every change is
 * kept in the deadline's history; a change that moves when the deadline ladder must look next (pause, resume,
 * extension, a met first response) re-dates the ladder's timer ({@link DeadlineTimers#rearm}).
 */
@Service
public class DeadlineService {

    static final double WARNING = 0.8;
    static final double LEVEL_2 = 1.5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final DeadlineRepository deadlines;
    private final BusinessCalendar calendar;
    private final BusinessClock now;
    private final DeadlineTimers timers;

    public DeadlineService(DeadlineRepository deadlines, BusinessCalendar calendar, BusinessClock now, DeadlineTimers timers) {
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.now = now;
        this.timers = timers;
    }

    public Deadline start(String caseNumber, String name, String spec) {
        return start(caseNumber, name, spec, now.now());
    }

    public Deadline start(String caseNumber, String name, String spec, Instant from) {
        return start(caseNumber, List.of(plan(name, spec, from))).get(0);
    }

    /** A deadline with a fixed target (a regulator's own date); warning and level 2 are placed proportionally. */
    public Deadline startUntil(String caseNumber, String name, String spec, Instant target) {
        return start(caseNumber, List.of(planUntil(name, spec, target))).get(0);
    }

    /** Starts several deadlines of a case together (one statement on PostgreSQL); the rows in the order given. */
    public List<Deadline> start(String caseNumber, List<DeadlineRepository.Start> starts) {
        return deadlines.start(caseNumber, starts);
    }

    /** A deadline of {@code spec} from {@code from}, on the business calendar. */
    public DeadlineRepository.Start plan(String name, String spec, Instant from) {
        DeadlineDuration duration = DeadlineDuration.parse(spec);
        return new DeadlineRepository.Start(name, duration.spec(), from, calendar.plusFraction(from, duration, WARNING),
                calendar.plus(from, duration), calendar.plusFraction(from, duration, LEVEL_2));
    }

    /** A deadline with a fixed target from now: warning and level 2 placed proportionally. */
    public DeadlineRepository.Start planUntil(String name, String spec, Instant target) {
        Instant from = now.now();
        Duration total = Duration.between(from, target);
        Instant warning = from.plusMillis((long) (total.toMillis() * WARNING));
        Instant level2 = target.plusMillis((long) (total.toMillis() * (LEVEL_2 - 1)));
        return new DeadlineRepository.Start(name, spec, from, warning, target, level2);
    }

    public Optional<Deadline> find(String caseNumber, String name) {
        return deadlines.find(caseNumber, name);
    }

    public List<Deadline> all(String caseNumber) {
        return deadlines.all(caseNumber);
    }

    /**
     * Met: a running deadline is fulfilled; a breached one stays breached but stops. The first response shares its
     * ladder with the resolution deadline, which goes on: that ladder now waits for the resolution's next step.
     * (The other deadlines are met where their ladder's scope ends, which ends the ladder with it.)
     */
    public Optional<Deadline> stop(String caseNumber, String name) {
        Optional<Deadline> stopped = deadlines.find(caseNumber, name).filter(Deadline::open).map(c -> deadlines.update(c,
                c.state() == DeadlineState.BREACHED ? DeadlineState.BREACHED : DeadlineState.FULFILLED, c.warningAt(),
                c.targetAt(), c.level2At(), null, now.now(), now.now(), "STOPPED", null));
        if (stopped.isPresent() && Deadline.FIRST_RESPONSE.equals(name)) {
            timers.rearm(caseNumber);
        }
        return stopped;
    }

    /** The ladder took step {@code step} of the deadline: the next one is due next (false: someone else took it). */
    public boolean stepTaken(Deadline deadline, int step) {
        return deadlines.ladderStep(deadline, step, step + 1);
    }

    /**
     * {@link #stepTaken} and {@link #breach} in one statement, for a step past the deadline's target: true when the
     * step was this one's to take and the deadline was running (now breached); false changes nothing.
     */
    public boolean stepTakenBreaching(Deadline deadline, int step) {
        return deadlines.ladderStepBreaching(deadline, step, step + 1, now.now());
    }

    /**
     * The target passed with the deadline running (a paused deadline's target is about to move): decided by the row as
     * it is, in one statement, with its event; {@code deadline} names the row and its target.
     */
    public boolean breach(Deadline deadline) {
        return deadlines.breach(deadline, now.now());
    }

    public List<Deadline> pause(String caseNumber, List<String> names, String reason) {
        List<Deadline> paused = new ArrayList<>();
        for (String name : names) {
            deadlines.find(caseNumber, name).filter(c -> c.state() == DeadlineState.RUNNING)
                    .map(c -> deadlines.update(c, DeadlineState.PAUSED, c.warningAt(), c.targetAt(), c.level2At(),
                            now.now(), null, now.now(), "PAUSED", reason))
                    .ifPresent(paused::add);
        }
        if (!paused.isEmpty()) {
            timers.rearm(caseNumber);
        }
        return paused;
    }

    /** Resumes paused deadlines; each deadline moves by the working time it was paused (wall time for elapsed deadlines). */
    public List<Deadline> resume(String caseNumber, String reason) {
        List<Deadline> resumed = new ArrayList<>();
        for (Deadline c : deadlines.all(caseNumber)) {
            if (c.state() != DeadlineState.PAUSED) {
                continue;
            }
            boolean elapsed = c.durationSpec().startsWith("elapsed:");
            Duration paused = elapsed ? Duration.between(c.pausedAt(), now.now())
                    : calendar.workingTimeBetween(c.pausedAt(), now.now());
            resumed.add(deadlines.update(c, DeadlineState.RUNNING, move(c.warningAt(), paused, elapsed),
                    move(c.targetAt(), paused, elapsed), move(c.level2At(), paused, elapsed), null, null, now.now(),
                    "RESUMED", reason + "（暂停 " + paused.toMinutes() + " 分钟工作时间）"));
        }
        if (!resumed.isEmpty()) {
            timers.rearm(caseNumber);
        }
        return resumed;
    }

    /** A regulator's deadline extended: the target moves to {@code newTarget}. */
    public Deadline extend(String caseNumber, String name, Instant newTarget, String reason) {
        Deadline c = deadlines.find(caseNumber, name).orElseThrow();
        Duration total = Duration.between(c.startedAt(), newTarget);
        Instant warning = c.startedAt().plusMillis((long) (total.toMillis() * WARNING));
        Instant level2 = newTarget.plusMillis((long) (total.toMillis() * (LEVEL_2 - 1)));
        DeadlineState state = c.state() == DeadlineState.BREACHED && newTarget.isAfter(now.now()) ? DeadlineState.RUNNING
                : c.state();
        Deadline extended = deadlines.update(c, state, warning, newTarget, level2, c.pausedAt(), c.stoppedAt(), now.now(),
                "EXTENDED", reason);
        // the ladder steps back to the first of its steps that now lies ahead (never forward: a step not yet taken
        // whose point has passed is still taken when the ladder looks next)
        int step = Math.min(extended.ladderStep(), extended.firstStepAfter(now.now()));
        if (step != extended.ladderStep()) {
            deadlines.ladderStep(extended, null, step);
            extended = deadlines.find(caseNumber, name).orElseThrow();
        }
        timers.rearm(caseNumber);
        return extended;
    }

    private Instant move(Instant at, Duration by, boolean elapsed) {
        return elapsed ? at.plus(by) : calendar.plusWorkingTime(at, by);
    }

    public String describe(Deadline c) {
        return label(c.name()) + "期限 " + format(c.targetAt());
    }

    public String format(Instant at) {
        ZoneId zone = calendar.zone();
        return TIME.format(at.atZone(zone));
    }

    public static String label(String deadline) {
        if (deadline.startsWith("DEPARTMENT:")) {
            return Coded.labelOf(Department.class, deadline.substring("DEPARTMENT:".length())) + "处理";
        }
        return switch (deadline) {
            case Deadline.FIRST_RESPONSE -> "首次响应";
            case Deadline.RESOLUTION -> "整体解决";
            case Deadline.REGULATOR_REPLY -> "监管答复";
            default -> deadline;
        };
    }
}
