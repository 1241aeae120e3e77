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
 * Starts, pauses, resumes, extends and stops a complaint's clocks on the business calendar. Every change is
 * kept in the clock's history; a change that moves when the deadline ladder must look next (pause, resume,
 * extension, a met first response) re-dates the ladder's timer ({@link ClockTimers#rearm}).
 */
@Service
public class ClockService {

    static final double WARNING = 0.8;
    static final double LEVEL_2 = 1.5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ClockRepository clocks;
    private final BusinessCalendar calendar;
    private final BusinessClock now;
    private final ClockTimers timers;

    public ClockService(ClockRepository clocks, BusinessCalendar calendar, BusinessClock now, ClockTimers timers) {
        this.clocks = clocks;
        this.calendar = calendar;
        this.now = now;
        this.timers = timers;
    }

    public Clock start(String caseNumber, String name, String spec) {
        return start(caseNumber, name, spec, now.now());
    }

    public Clock start(String caseNumber, String name, String spec, Instant from) {
        ClockDuration duration = ClockDuration.parse(spec);
        return clocks.start(caseNumber, name, duration.spec(), from, calendar.plusFraction(from, duration, WARNING),
                calendar.plus(from, duration), calendar.plusFraction(from, duration, LEVEL_2));
    }

    /** A clock with a fixed deadline (a regulator's own date); warning and level 2 are placed proportionally. */
    public Clock startUntil(String caseNumber, String name, String spec, Instant target) {
        Instant from = now.now();
        Duration total = Duration.between(from, target);
        Instant warning = from.plusMillis((long) (total.toMillis() * WARNING));
        Instant level2 = target.plusMillis((long) (total.toMillis() * (LEVEL_2 - 1)));
        return clocks.start(caseNumber, name, spec, from, warning, target, level2);
    }

    public Optional<Clock> find(String caseNumber, String name) {
        return clocks.find(caseNumber, name);
    }

    public List<Clock> all(String caseNumber) {
        return clocks.all(caseNumber);
    }

    /**
     * Met: a running clock is fulfilled; a breached one stays breached but stops. The first response shares its
     * ladder with the resolution clock, which goes on: that ladder now waits for the resolution's next step.
     * (The other clocks are met where their ladder's scope ends, which ends the ladder with it.)
     */
    public Optional<Clock> stop(String caseNumber, String name) {
        Optional<Clock> stopped = clocks.find(caseNumber, name).filter(Clock::open).map(c -> clocks.update(c,
                c.state() == ClockState.BREACHED ? ClockState.BREACHED : ClockState.FULFILLED, c.warningAt(),
                c.targetAt(), c.level2At(), null, now.now(), now.now(), "STOPPED", null));
        if (stopped.isPresent() && Clock.FIRST_RESPONSE.equals(name)) {
            timers.rearm(caseNumber);
        }
        return stopped;
    }

    /** The ladder took step {@code step} of the clock: the next one is due next (false: someone else took it). */
    public boolean stepTaken(Clock clock, int step) {
        return clocks.ladderStep(clock, step, step + 1);
    }

    /** The deadline passed with the clock running (a paused clock's deadline is about to move). */
    public boolean breach(String caseNumber, String name) {
        Optional<Clock> clock = clocks.find(caseNumber, name)
                .filter(c -> c.state() == ClockState.RUNNING);
        clock.ifPresent(c -> clocks.update(c, ClockState.BREACHED, c.warningAt(), c.targetAt(), c.level2At(),
                null, null, now.now(), "BREACHED", null));
        return clock.isPresent();
    }

    public List<Clock> pause(String caseNumber, List<String> names, String reason) {
        List<Clock> paused = new ArrayList<>();
        for (String name : names) {
            clocks.find(caseNumber, name).filter(c -> c.state() == ClockState.RUNNING)
                    .map(c -> clocks.update(c, ClockState.PAUSED, c.warningAt(), c.targetAt(), c.level2At(),
                            now.now(), null, now.now(), "PAUSED", reason))
                    .ifPresent(paused::add);
        }
        if (!paused.isEmpty()) {
            timers.rearm(caseNumber);
        }
        return paused;
    }

    /** Resumes paused clocks; each deadline moves by the working time it was paused (wall time for elapsed clocks). */
    public List<Clock> resume(String caseNumber, String reason) {
        List<Clock> resumed = new ArrayList<>();
        for (Clock c : clocks.all(caseNumber)) {
            if (c.state() != ClockState.PAUSED) {
                continue;
            }
            boolean elapsed = c.durationSpec().startsWith("elapsed:");
            Duration paused = elapsed ? Duration.between(c.pausedAt(), now.now())
                    : calendar.workingTimeBetween(c.pausedAt(), now.now());
            resumed.add(clocks.update(c, ClockState.RUNNING, move(c.warningAt(), paused, elapsed),
                    move(c.targetAt(), paused, elapsed), move(c.level2At(), paused, elapsed), null, null, now.now(),
                    "RESUMED", reason + "（暂停 " + paused.toMinutes() + " 分钟工作时间）"));
        }
        if (!resumed.isEmpty()) {
            timers.rearm(caseNumber);
        }
        return resumed;
    }

    /** A regulator's deadline extended: the target moves to {@code newTarget}. */
    public Clock extend(String caseNumber, String name, Instant newTarget, String reason) {
        Clock c = clocks.find(caseNumber, name).orElseThrow();
        Duration total = Duration.between(c.startedAt(), newTarget);
        Instant warning = c.startedAt().plusMillis((long) (total.toMillis() * WARNING));
        Instant level2 = newTarget.plusMillis((long) (total.toMillis() * (LEVEL_2 - 1)));
        ClockState state = c.state() == ClockState.BREACHED && newTarget.isAfter(now.now()) ? ClockState.RUNNING
                : c.state();
        Clock extended = clocks.update(c, state, warning, newTarget, level2, c.pausedAt(), c.stoppedAt(), now.now(),
                "EXTENDED", reason);
        // the ladder steps back to the first of its steps that now lies ahead (never forward: a step not yet taken
        // whose point has passed is still taken when the ladder looks next)
        int step = Math.min(extended.ladderStep(), extended.firstStepAfter(now.now()));
        if (step != extended.ladderStep()) {
            clocks.ladderStep(extended, null, step);
            extended = clocks.find(caseNumber, name).orElseThrow();
        }
        timers.rearm(caseNumber);
        return extended;
    }

    private Instant move(Instant at, Duration by, boolean elapsed) {
        return elapsed ? at.plus(by) : calendar.plusWorkingTime(at, by);
    }

    public String describe(Clock c) {
        return label(c.name()) + "期限 " + format(c.targetAt());
    }

    public String format(Instant at) {
        ZoneId zone = calendar.zone();
        return TIME.format(at.atZone(zone));
    }

    public static String label(String clock) {
        if (clock.startsWith("DEPARTMENT:")) {
            return Coded.labelOf(Department.class, clock.substring("DEPARTMENT:".length())) + "处理";
        }
        return switch (clock) {
            case Clock.FIRST_RESPONSE -> "首次响应";
            case Clock.RESOLUTION -> "整体解决";
            case Clock.REGULATOR_REPLY -> "监管答复";
            default -> clock;
        };
    }
}
