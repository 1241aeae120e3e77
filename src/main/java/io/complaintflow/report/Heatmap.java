package io.complaintflow.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the heat overlays and the path view show. Hours are wall-clock hours; percentiles are nearest-rank. */
public final class Heatmap {

    private Heatmap() {
    }

    /**
     * The figures of one process's activities: {@code asOf} is the moment "waiting" and "overdue" describe (the
     * period's end, or now if earlier); stays and escalations are those of the period.
     */
    public record View(String processDefinitionKey, LocalDate from, LocalDate to, Instant asOf, HeatFilter filter,
                       List<ActivityHeat> activities) {
    }

    /**
     * One activity: complaints waiting there at {@code asOf} and how many of them were past a deadline then; stays
     * completed in the period with their median and 90th-percentile hours; complaints escalated while there.
     */
    public record ActivityHeat(String activityId, long waiting, long overdue, long completed, Double medianHours,
                               Double p90Hours, long escalated) {
    }

    /** A complaint at an activity: waiting there at {@code asOf} and/or escalated there in the period. */
    public record HeatComplaint(String caseNumber, String grade, String department, Instant dueAt, boolean waiting,
                                boolean overdue, boolean escalated, Instant since, String processInstanceId,
                                String processDefinitionId, boolean finished) {
    }

    /** One process instance's way through its diagram, oldest step first. */
    public record Path(String processInstanceId, String processDefinitionId, String processDefinitionKey,
                       String businessKey, Instant startedAt, Instant endedAt, String superProcessInstanceId,
                       List<Step> steps, List<Called> called) {
    }

    /** A visit of one activity; {@code hours} null while it is still open; escalations that happened during it. */
    public record Step(String activityId, String activityName, String activityType, Instant startedAt,
                       Instant endedAt, Double hours, boolean canceled, List<Escalation> escalations) {
    }

    /** JSON keeps the name {@code clock} that API clients read (docs/glossary.md). */
    public record Escalation(@JsonProperty("clock") String deadline, String department, int level, String escalatedTo, Instant at) {
    }

    /** A process instance this one called (a department's part), to follow the path into it. */
    public record Called(String processInstanceId, String processDefinitionId, String processDefinitionKey,
                         String activityId, String department, Instant startedAt, Instant endedAt) {
    }
}
