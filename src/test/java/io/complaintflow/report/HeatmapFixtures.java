package io.complaintflow.report;

import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Five complaints moved through a fortnight of a chosen year, for the heat figures and the browser test. Years
 * before every other test's data (which starts in 2016), so a view "as of" the fortnight's end sees only these.
 *
 * <p>A quality, handled in 4 h, answered 20 h later; B quality, handled in 24 h, answered 2 h later; E quality,
 * handled in 1 h, answered 23 h later — all three wait for the customer's confirmation. C quality (app) is never
 * handled and is escalated at its department deadline, Monday of the second week 18:00; D billing (web) is filed on
 * the second Thursday and waits within its deadline.
 */
final class HeatmapFixtures {

    record Filed(String a, String b, String c, String d, String e) {
        List<String> all() {
            return List.of(a, b, c, d, e);
        }
    }

    private final TestScenarios scenarios;
    private final ManagementService management;
    private final RuntimeService runtime;

    HeatmapFixtures(TestScenarios scenarios, ManagementService management, RuntimeService runtime) {
        this.scenarios = scenarios;
        this.management = management;
        this.runtime = runtime;
    }

    /** The fortnight starting on Monday {@code monday} (a day in the business time zone, e.g. 2015-03-02). */
    Filed fortnight(String monday) {
        java.time.LocalDate day = java.time.LocalDate.parse(monday);
        String a = filedAt(day, 0, "02:00", () -> file("hotline", "product-quality"));
        at(day, 0, "06:00", () -> scenarios.propose(a, "quality", "quality", "换新"));
        at(day, 1, "02:00", () -> answer(a));
        String b = filedAt(day, 1, "02:00", () -> file("hotline", "product-quality"));
        String c = filedAt(day, 2, "02:00", () -> file("app", "product-quality"));
        at(day, 2, "02:00", () -> scenarios.propose(b, "quality", "quality", "维修"));
        at(day, 2, "04:00", () -> answer(b));
        String e = filedAt(day, 3, "02:00", () -> file("hotline", "product-quality"));
        at(day, 3, "03:00", () -> scenarios.propose(e, "quality", "quality", "退货"));
        at(day, 4, "02:00", () -> answer(e));
        fireDueTimers(c, instant(day, 7, "10:30")); // C's department deadline: Monday 18:00 Shanghai
        String d = filedAt(day, 10, "02:00", () -> file("web", "billing"));
        return new Filed(a, b, c, d, e);
    }

    Filed march2015() {
        return fortnight("2015-03-02");
    }

    /** Answers and closes what is still open, so no other test's backlog or overdue list sees these complaints. */
    void closeAll(Filed filed, String when) {
        DeadlineScenarios.now(when);
        for (String open : List.of(filed.c(), filed.d())) {
            String department = open.equals(filed.d()) ? "billing" : "quality";
            scenarios.propose(open, department, department, "处理完毕");
            answer(open);
        }
        filed.all().forEach(scenarios::accept);
    }

    void answer(String caseNumber) {
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "已为您处理"));
    }

    /** Lets time run to {@code until} for this complaint only: its timers fire in order, as the job executor would. */
    void fireDueTimers(String caseNumber, Instant until) {
        for (int guard = 0; guard < 50; guard++) {
            Job next = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list().stream()
                    .flatMap(pi -> management.createJobQuery().processInstanceId(pi.getId()).timers().list().stream())
                    .filter(j -> !j.getDuedate().toInstant().isAfter(until))
                    .min(java.util.Comparator.comparing(Job::getDuedate)).orElse(null);
            if (next == null) {
                break;
            }
            ClockUtil.setCurrentTime(next.getDuedate());
            management.executeJob(next.getId());
        }
        ClockUtil.setCurrentTime(Date.from(until));
    }

    private String file(String channel, String category) {
        return scenarios.file(new ComplaintRequest(channel, null, null, null,
                new CustomerRequest("热力客户", TestScenarios.uniquePhone(), null, null, false), category,
                TestScenarios.uniqueProduct(), "热力图测试", "热力图测试内容", null, null, false, null));
    }

    static Instant instant(java.time.LocalDate monday, int plusDays, String utcTime) {
        return Instant.parse(monday.plusDays(plusDays) + "T" + utcTime + ":00Z");
    }

    private static <T> T filedAt(java.time.LocalDate monday, int plusDays, String utcTime, java.util.function.Supplier<T> step) {
        ClockUtil.setCurrentTime(Date.from(instant(monday, plusDays, utcTime)));
        return step.get();
    }

    private static void at(java.time.LocalDate monday, int plusDays, String utcTime, Runnable step) {
        ClockUtil.setCurrentTime(Date.from(instant(monday, plusDays, utcTime)));
        step.run();
    }
}
