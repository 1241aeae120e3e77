package io.complaintflow.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The report values the API, the Cockpit dashboard and the downloads show. */
public final class Reports {

    private Reports() {
    }

    public record Summary(LocalDate from, LocalDate to, long received, long closed, Map<String, Long> byChannel,
                          Map<String, Long> byCategory, Map<String, Long> byGrade, Map<String, Long> byRegulator,
                          Map<String, Long> byStatus, Map<String, Long> backlogByAge) {
    }

    /** Handling times are working hours; percentiles are nearest-rank. */
    public record DepartmentRow(String department, String name, long tasksDone, Double medianHours, Double p90Hours,
                                Double onTimeShare, long escalations, long transfers, long customerRejections) {
    }

    /** Waiting times are wall-clock hours since the task was created. */
    public record Bottleneck(String taskKey, String taskName, long open, Double medianWaitingHours,
                             Double p90WaitingHours, long overdue) {
    }

    public record Satisfaction(LocalDate from, LocalDate to, long closed, long callbacks, Double averageScore,
                               Map<Integer, Long> scores, Double resolvedRate, Double reopenRate) {
    }

    public record DailyVolume(LocalDate day, Map<String, Long> byChannel) {
    }

    /** JSON keeps the names {@code clock} and {@code clockLabel} that API clients read (docs/glossary.md). */
    public record Overdue(String caseNumber, @JsonProperty("clock") String deadline,
                          @JsonProperty("clockLabel") String deadlineLabel, Instant targetAt, String grade,
                          String subject, String processInstanceId) {
    }

    /** A surge response of the period: how it started, how high it went, when it stood down. */
    public record SurgeRow(String businessKey, String trigger, String startedBy, int startLevel, int maxLevel,
                           Instant startedAt, Instant endedAt, String reason) {
    }

    public record CrisisRow(String businessKey, String source, String title, Instant declaredAt, String commander,
                            Instant acknowledgedAt, Instant statementPublishedAt, Instant endedAt) {
    }

    public record MassIncidentRow(long id, String product, String category, String grade, long complaints,
                                  Instant openedAt, boolean answered) {
    }

    public record PeriodReport(Summary summary, List<DepartmentRow> departments, List<Bottleneck> bottlenecks,
                               Satisfaction satisfaction, List<SurgeRow> surges, List<CrisisRow> crises,
                               List<MassIncidentRow> massIncidents) {
    }
}
