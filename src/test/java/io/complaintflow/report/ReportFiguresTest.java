package io.complaintflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.engine.FormValues;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.report.Reports.Bottleneck;
import io.complaintflow.report.Reports.DepartmentRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Seeds four complaints in June 2025 — a period no other test touches — walks them as handlers would, and checks
 * every figure of the reports exactly.
 *
 * <p>C1 hotline quality G1: handled in 2.5 working hours, closed, callback 5 (resolved). C2 WeChat billing VIP G2:
 * handled in 6.5 h, rejected once, handled again in 1 h, closed, callback 2 (unresolved) → reopened. C3 web
 * delivery G1: logistics sends it back after 1 h, re-routed to after-sales, still open. C4 app quality G1: still
 * open, escalated to the quality lead at its deadline.
 */
@ComplaintFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportFiguresTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Period JUNE = Period.parse("2025-06-02", "2025-06-10", LocalDate.of(2025, 6, 30), SHANGHAI);
    private static final Instant NOW = Instant.parse("2025-06-10T10:00:00Z");

    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired ReportService reports;
    @Autowired MockMvc mvc;

    String c1;
    String c2;
    String c3;
    String c4;

    /** Seeded once, inside the first test's run (the process-coverage listener records only within test methods). */
    @BeforeEach
    void seed() {
        if (c1 != null) {
            at(NOW.toString());
            return;
        }
        at("2025-06-02T02:00:00Z"); // Mon 10:00 Shanghai
        c1 = scenarios.file(request("hotline", "product-quality", false));
        at("2025-06-02T03:00:00Z");
        c2 = scenarios.file(request("wechat", "billing", true));
        scenarios.complete(c2, "Task_ReviewTriage", "center", Map.of("category", "billing", "grade", "G2",
                "departments", FormValues.jsonList(List.of("billing"))));
        at("2025-06-02T06:00:00Z"); // Mon 14:00: 10–12 and 13:30–14 → 2.5 working hours
        scenarios.propose(c1, "quality", "quality", "换新");
        scenarios.complete(c1, "Task_AnswerCustomer", "center", Map.of("answer", "为您换新"));
        scenarios.complete(c1, "Task_ConfirmWithCustomer", "center", TestScenarios.closing(Map.of("customerDecision", "accept")));

        at("2025-06-03T01:00:00Z"); // Tue 09:00
        c3 = scenarios.file(request("web", "delivery", false));
        at("2025-06-03T02:00:00Z"); // Tue 10:00
        scenarios.sendBack(c3, "logistics", "logistics", "安装问题，不是物流");
        scenarios.complete(c3, "Task_ReviewTriage", "center", Map.of("category", "delivery", "grade", "G1",
                "departments", FormValues.jsonList(List.of("after-sales"))));
        scenarios.propose(c2, "billing", "billing", "退费"); // from Mon 11:00: 1 + 4.5 + 1 = 6.5 working hours
        scenarios.complete(c2, "Task_AnswerCustomer", "center", Map.of("answer", "退费 199 元"));
        at("2025-06-03T03:00:00Z"); // Tue 11:00
        scenarios.complete(c2, "Task_ConfirmWithCustomer", "center",
                Map.of("customerDecision", "reject", "customerWords", "还要补偿"));
        at("2025-06-03T05:30:00Z"); // Tue 13:30: 11–12 → 1 working hour
        scenarios.propose(c2, "billing", "billing", "退费并补偿");
        scenarios.complete(c2, "Task_AnswerCustomer", "center", Map.of("answer", "退费并补偿 50 元", "compensation", 50));
        scenarios.complete(c2, "Task_ConfirmWithCustomer", "center", TestScenarios.closing(Map.of("customerDecision", "accept")));

        at("2025-06-04T02:00:00Z"); // Wed 10:00
        c4 = scenarios.file(request("app", "product-quality", false));

        time.fire(c1, "Event_CallbackDue"); // Thu 06-05 18:00
        scenarios.complete(c1, "Task_SatisfactionCallback", "center",
                Map.of("satisfactionScore", "5", "problemResolved", "yes"));
        time.fire(c2, "Event_CallbackDue"); // Fri 06-06 18:00
        scenarios.complete(c2, "Task_SatisfactionCallback", "center",
                Map.of("satisfactionScore", "2", "problemResolved", "no"));
        time.fire(c4, "Event_DepartmentOverdue"); // Mon 06-09 18:00
        at(NOW.toString());
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theSummaryCountsThePeriodsComplaints() {
        var s = reports.summary(JUNE);
        assertThat(s.received()).isEqualTo(4);
        assertThat(s.closed()).isEqualTo(2);
        assertThat(s.byChannel()).isEqualTo(Map.of("app", 1L, "hotline", 1L, "web", 1L, "wechat", 1L));
        assertThat(s.byCategory()).isEqualTo(Map.of("billing", 1L, "delivery", 1L, "product-quality", 2L));
        assertThat(s.byGrade()).isEqualTo(Map.of("G1", 3L, "G2", 1L));
        assertThat(s.byRegulator()).isEmpty();
        assertThat(s.byStatus()).isEqualTo(Map.of("CLOSED", 1L, "REOPENED", 1L, "IN_PROGRESS", 2L));
        // open at 2025-06-11 00:00: C2 8.5 days, C3 7.6 days, C4 6.6 days old
        assertThat(s.backlogByAge()).containsExactly(Map.entry("<1d", 0L), Map.entry("1-3d", 0L),
                Map.entry("3-7d", 1L), Map.entry("7-15d", 2L), Map.entry(">15d", 0L));
    }

    @Test
    void theDepartmentTableMeasuresWorkingHoursOnTimeShareEscalationsTransfersAndRejections() {
        Map<String, DepartmentRow> rows = new java.util.HashMap<>();
        reports.departments(JUNE).forEach(r -> rows.put(r.department(), r));

        assertThat(rows.get("quality")).isEqualTo(new DepartmentRow("quality", "质量部", 1, 2.5, 2.5, 1.0, 1, 0, 0));
        assertThat(rows.get("billing")).isEqualTo(new DepartmentRow("billing", "账务部", 2, 1.0, 6.5, 1.0, 0, 0, 1));
        assertThat(rows.get("logistics"))
                .isEqualTo(new DepartmentRow("logistics", "物流部", 1, 1.0, 1.0, 1.0, 0, 1, 0));
        assertThat(rows.get("after-sales"))
                .isEqualTo(new DepartmentRow("after-sales", "售后服务部", 0, null, null, null, 0, 0, 0));
    }

    @Test
    void bottlenecksShowOpenTasksTheirWaitingAndOverdue() {
        List<Bottleneck> rows = reports.bottlenecks(JUNE, NOW);
        // C3 after-sales since Tue 02:00Z (176 h), C4 quality since Wed 02:00Z (152 h): both past their P3D deadline
        assertThat(rows).containsExactly(
                new Bottleneck("Task_HandleComplaint", "处理投诉（各部门）", 2, 152.0, 176.0, 2),
                new Bottleneck("Task_ReviewTriage", "复核定级与分派", 1, 96.0, 96.0, 1));
    }

    @Test
    void satisfactionComesFromTheCallbacksOfThePeriodsClosures() {
        var s = reports.satisfaction(JUNE);
        assertThat(s.closed()).isEqualTo(2);
        assertThat(s.callbacks()).isEqualTo(2);
        assertThat(s.averageScore()).isEqualTo(3.5);
        assertThat(s.scores()).isEqualTo(Map.of(1, 0L, 2, 1L, 3, 0L, 4, 0L, 5, 1L));
        assertThat(s.resolvedRate()).isEqualTo(0.5);
        assertThat(s.reopenRate()).isEqualTo(0.5);
    }

    @Test
    void dailyVolumeIsCountedPerShanghaiDayAndChannel() {
        var days = reports.volume(JUNE);
        assertThat(days).hasSize(9);
        assertThat(days.get(0).byChannel()).isEqualTo(Map.of("hotline", 1L, "wechat", 1L));
        assertThat(days.get(1).byChannel()).isEqualTo(Map.of("web", 1L));
        assertThat(days.get(2).byChannel()).isEqualTo(Map.of("app", 1L));
        assertThat(days.get(3).byChannel()).isEmpty();
    }

    @Test
    void theOverdueListLinksTheOverdueCaseToItsProcessInstance() {
        var overdue = reports.overdue(NOW, 500);
        assertThat(overdue).anySatisfy(o -> {
            assertThat(o.caseNumber()).isEqualTo(c4);
            assertThat(o.deadline()).isEqualTo("DEPARTMENT:quality");
            assertThat(o.processInstanceId()).isNotNull();
        });
    }

    @Test
    void thePeriodReportDownloadsAsHtmlAndCsv() throws Exception {
        mvc.perform(get("/api/reports/period").param("from", "2025-06-02").param("to", "2025-06-10")
                        .param("format", "csv"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition",
                        org.hamcrest.Matchers.containsString("complaints-2025-06-02-2025-06-10.csv")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("\"summary\",\"received\",\"4\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "\"department\",\"billing\",\"done=2;median_h=1.0;p90_h=6.5;on_time=1.0;escalations=0;"
                                + "transfers=0;rejections=1\"")));
        mvc.perform(get("/api/reports/period").param("from", "2025-06-02").param("to", "2025-06-10")
                        .param("format", "html"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("受理 <b>4</b> 件，结案 <b>2</b> 件")));
        mvc.perform(get("/api/reports/summary").param("from", "2025-06-10").param("to", "2025-06-02"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    private static void at(String instant) {
        DeadlineScenarios.now(instant);
    }

    private static ComplaintRequest request(String channel, String category, boolean vip) {
        return new ComplaintRequest(channel, null, null, null,
                new CustomerRequest("报表客户", TestScenarios.uniquePhone(), null, null, vip), category, "产品",
                "报表测试", "报表测试内容", null, null, false, null);
    }
}
