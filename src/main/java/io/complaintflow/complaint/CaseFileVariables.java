package io.complaintflow.complaint;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Keeps the two read-only variables every task form shows — the complaint ({@code complaintSummary})
 * and its timeline ({@code timelineText}) — in step with the record, on every running process of the
 * case (the lifecycle and its department parts share the case number as business key).
 */
@Component
public class CaseFileVariables {

    public static final String SUMMARY = "complaintSummary";
    public static final String TIMELINE = "timelineText";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ComplaintRepository complaints;
    private final RuntimeService runtime;
    private final ZoneId zone;
    private final List<CaseFileContributor> contributors;

    public CaseFileVariables(ComplaintRepository complaints, RuntimeService runtime, BusinessClock clock,
                             List<CaseFileContributor> contributors) {
        this.complaints = complaints;
        this.runtime = runtime;
        this.zone = clock.zone();
        this.contributors = contributors;
    }

    /**
     * Updates the view on every stored process of the case and on {@code current}, the scope being
     * executed (which may not be stored yet when the case started in this same transaction).
     */
    public void refresh(String caseNumber, VariableScope current) {
        Map<String, Object> view = render(caseNumber);
        if (current != null) {
            current.setVariables(view);
        }
        // the lifecycle and its department parts; a case's mail instances share the business key but show no form
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKeyIn(ComplaintProcess.KEY, ComplaintProcess.DEPARTMENT_KEY).list()) {
            runtime.setVariables(instance.getId(), view);
        }
    }

    public Map<String, Object> render(String caseNumber) {
        Complaint c = complaints.find(caseNumber).orElseThrow();
        Map<String, Object> view = new HashMap<>();
        contributors.forEach(contributor -> view.putAll(contributor.variables(c)));
        view.put(SUMMARY, fit(summary(c, complaints.departments(caseNumber))));
        view.put(TIMELINE, fit(timeline(complaints.timeline(caseNumber))));
        return view;
    }

    /** The engine keeps string variables up to 4000 characters; the full text stays in the record and the API. */
    public static String fit(String text) {
        int max = 4000;
        String cut = "\n……（内容过长，已截断；完整内容见工单详情）";
        return text.length() <= max ? text : text.substring(0, max - cut.length()) + cut;
    }

    String summary(Complaint c, List<DepartmentAssignment> departments) {
        StringBuilder s = new StringBuilder();
        line(s, "工单号", c.caseNumber());
        line(s, "状态", Coded.labelOf(ComplaintStatus.class, c.status()));
        line(s, "等级", c.grade() == null ? "—" : c.grade() + " " + Coded.labelOf(Grade.class, c.grade()));
        line(s, "渠道", Coded.labelOf(Channel.class, c.channel())
                + (c.regulator() == null ? "" : "（" + Coded.labelOf(Regulator.class, c.regulator()) + "）")
                + (c.externalRef() == null ? "" : " 外部编号 " + c.externalRef()));
        line(s, "类别", Coded.labelOf(Category.class, c.category()));
        line(s, "客户", c.customer().name() + (c.customer().vip() ? "（VIP）" : "")
                + (c.customer().phone() == null ? "" : " 电话 " + c.customer().phone())
                + (c.customer().email() == null ? "" : " 邮箱 " + c.customer().email()));
        if (c.product() != null) {
            line(s, "产品", c.product());
        }
        if (c.amountClaimed() != null) {
            line(s, "诉求金额", c.amountClaimed().toPlainString() + " 元");
        }
        if (c.repeatCount() > 0) {
            line(s, "重复投诉", "30 天内第 " + (c.repeatCount() + 1) + " 次，关联 " + c.repeatOf());
        }
        if (!departments.isEmpty()) {
            line(s, "责任部门", String.join("、", departments.stream()
                    .map(d -> Coded.labelOf(Department.class, d.department()) + (d.lead() ? "（牵头）" : ""))
                    .toList()));
        }
        line(s, "受理时间", format(c.createdAt()));
        line(s, "主题", c.subject() == null ? "—" : c.subject());
        s.append("投诉内容：\n").append(c.description() == null ? "—" : c.description());
        if (c.resolution() != null) {
            s.append("\n处理结果：\n").append(c.resolution());
        }
        return s.toString();
    }

    String timeline(List<TimelineEntry> entries) {
        StringBuilder s = new StringBuilder();
        for (TimelineEntry e : entries) {
            s.append(format(e.at())).append("  ").append(e.actor()).append("  ").append(e.summary());
            if (e.detail() != null && !e.detail().isBlank()) {
                s.append("\n    ").append(e.detail().replace("\n", "\n    "));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private String format(java.time.Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(zone));
    }

    private static void line(StringBuilder s, String label, String value) {
        s.append(label).append("：").append(value).append('\n');
    }
}
