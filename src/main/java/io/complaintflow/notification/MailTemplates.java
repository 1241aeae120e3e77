package io.complaintflow.notification;

import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Grade;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The Chinese mail texts. Every value that comes from a complaint or a person is HTML-escaped here, so a
 * customer's {@code <script>} arrives as text.
 */
@Component
public class MailTemplates {

    public Mail acknowledgement(List<String> to, String customer, String caseNumber, String subject, String expectedBy) {
        return mail(to, "【投诉受理】您的投诉已受理，工单号 " + caseNumber,
                "<p>" + e(customer) + "，您好：</p>"
                        + "<p>我们已受理您关于「" + e(subject) + "」的投诉，工单号 <b>" + e(caseNumber) + "</b>。</p>"
                        + "<p>我们将在 <b>" + e(expectedBy) + "</b> 前给您答复。如需补充情况，请回复本邮件并保留工单号。</p>");
    }

    public Mail answer(List<String> to, String customer, String caseNumber, String answer) {
        return mail(to, "【投诉答复】工单 " + caseNumber + " 的处理结果",
                "<p>" + e(customer) + "，您好：</p><p>关于工单 <b>" + e(caseNumber) + "</b>，处理结果如下：</p>"
                        + "<blockquote>" + lines(answer) + "</blockquote>"
                        + "<p>如您对处理结果有异议，请直接回复本邮件。</p>");
    }

    public Mail closed(List<String> to, String customer, String caseNumber, String resolution, String callbackBy) {
        return closed(to, customer, caseNumber, resolution, callbackBy, null);
    }

    /** With {@code surveyUrl}: the customer can rate the handling online instead of waiting for the call. */
    public Mail closed(List<String> to, String customer, String caseNumber, String resolution, String callbackBy,
                       String surveyUrl) {
        String survey = surveyUrl == null ? ""
                : "<p>也可以现在就点击 <a href=\"" + e(surveyUrl) + "\">满意度评价</a> 为我们的处理打分（无需登录，链接仅可使用一次）："
                        + "<br>" + e(surveyUrl) + "</p>";
        return mail(to, "【投诉结案】工单 " + caseNumber + " 已结案",
                "<p>" + e(customer) + "，您好：</p><p>工单 <b>" + e(caseNumber) + "</b> 已结案。处理结果：</p>"
                        + "<blockquote>" + lines(resolution) + "</blockquote>"
                        + "<p>我们将于 " + e(callbackBy) + " 前回访，了解您对处理的满意程度。</p>" + survey);
    }

    public Mail assignment(List<String> to, String department, String caseNumber, Grade grade, String subject,
                           String dueBy) {
        return mail(to, "【新投诉 " + grade + "】" + caseNumber + " 已分派至" + department,
                "<p>" + e(department) + "：</p><p>等级 <b>" + e(Coded.codeOf(grade)) + "</b> 的投诉 <b>" + e(caseNumber)
                        + "</b>（" + e(subject) + "）已分派给贵部门，请在 <b>" + e(dueBy)
                        + "</b> 前在任务列表中处理。</p>");
    }

    public Mail escalation(List<String> to, int level, String caseNumber, Grade grade, String deadlineLabel,
                           String due, String subject) {
        String what = level == 0 ? "即将超时提醒" : "超时升级（" + levelName(level) + "）";
        return digestible(to, "【" + what + "】" + caseNumber + " " + deadlineLabel + "期限 " + due,
                "<p>投诉 <b>" + e(caseNumber) + "</b>（等级 " + e(Coded.codeOf(grade)) + "，" + e(subject) + "）的"
                        + e(deadlineLabel) + "期限为 <b>" + e(due) + "</b>。</p>"
                        + (level == 0 ? "<p>请尽快处理。</p>"
                        : "<p>该期限已超时，工单已升级至您，请在任务列表中跟进。</p>"));
    }

    public Mail extension(List<String> to, String customer, String caseNumber, String newDeadline, String reason) {
        return mail(to, "【处理期限延长】工单 " + caseNumber,
                "<p>" + e(customer) + "，您好：</p><p>因" + e(reason) + "，工单 <b>" + e(caseNumber)
                        + "</b> 的答复期限延长至 <b>" + e(newDeadline) + "</b>。感谢您的理解。</p>");
    }

    public Mail surgeCalled(List<String> to, int level, String roster, String reason, String volume) {
        return mail(to, "【激增响应 第 " + level + " 级】请按应急排班到岗支援",
                "<p>" + e(roster) + "：</p><p>投诉进线量激增，现启动<b>第 " + level + " 级</b>激增响应，请按应急排班到岗"
                        + "（或远程登录）支援受理，并向现场协调人报到。</p>"
                        + "<p>启动原因：" + e(reason) + "<br>" + e(volume) + "</p>");
    }

    public Mail surgeStoodDown(List<String> to, String reason) {
        return mail(to, "【激增响应解除】进线量已恢复正常",
                "<p>各位同事：</p><p>进线量已恢复正常，激增响应解除，感谢支援。请按原排班工作。</p>"
                        + "<p>" + e(reason) + "</p>");
    }

    public Mail crisisCalled(List<String> to, String title, String description, String ackBy, int commandLevel) {
        String who = commandLevel <= 1 ? "应急小组" : "应急小组高层（第 " + commandLevel + " 级，上一级未按时确认）";
        return mail(to, "【危机响应】" + title + " —— 请在 " + ackBy + " 前确认指挥",
                "<p>" + e(who) + "：</p><p>已启动危机响应：<b>" + e(title) + "</b></p>"
                        + "<blockquote>" + lines(description) + "</blockquote>"
                        + "<p>请指挥官在 <b>" + e(ackBy) + "</b> 前在 Tasklist 中确认接管，逾期将呼叫上一级。</p>");
    }

    /** PDCA: an improvement action due soon (reminder to the department) or overdue (to its lead). */
    public Mail pdcaAction(List<String> to, String review, String department, String action, String due,
                           boolean overdue) {
        return mail(to, (overdue ? "【PDCA 措施逾期】" : "【PDCA 措施提醒】") + department + " —— 期限 " + due,
                "<p>" + e(department) + (overdue ? "负责人" : "") + "：</p><p>" + e(review) + " 的改进措施"
                        + (overdue ? "已逾期未完成，现升级至部门负责人" : "即将到期") + "，期限 <b>" + e(due) + "</b>：</p>"
                        + "<blockquote>" + lines(action) + "</blockquote>"
                        + "<p>请在 Tasklist「本部门待办」中填写完成情况并提交。</p>");
    }

    /** To the process owners: next year's (or this year's) holidays are not loaded yet. */
    public Mail calendarMissingYear(List<String> to, int year, List<Integer> covered, String folder) {
        return mail(to, "【工作日历】缺少 " + year + " 年节假日数据，期限将不计该年节假日",
                "<p>各位流程负责人：</p><p>工作日历没有 <b>" + year + " 年</b>的法定节假日和调休数据（已有：" + e(String.valueOf(covered))
                        + "）。涉及 " + year + " 年的处理期限目前按普通周末计算，不计节假日和调休上班日。</p>"
                        + "<p>请在国务院办公厅公布 " + year + " 年放假安排后，将 <code>cn-holidays-" + year + ".yaml</code> 放入各节点的日历目录 <code>"
                        + e(folder) + "</code> 并重启节点；在 <code>/actuator/health</code> 的 <code>businessCalendar</code> 中确认 "
                        + year + " 已列入 coveredYears。格式与步骤见 docs/operations.md 的 Holiday data 一节。</p>");
    }

    static String levelName(int level) {
        return switch (level) {
            case 1 -> "一级：部门负责人";
            case 2 -> "二级：投诉管理经理";
            default -> "三级：应急小组";
        };
    }

    /**
     * Several mails to one person as one: each one's subject as a heading above its text, in the order they were
     * queued. The parts are our own escaped HTML, taken out of their frame.
     */
    public Mail digest(String to, List<Mail> parts) {
        StringBuilder body = new StringBuilder("<p>以下 " + parts.size() + " 封通知合并为一封发送：</p>");
        for (Mail part : parts) {
            body.append("<hr><h3>").append(e(part.subject())).append("</h3>").append(inner(part.html()));
        }
        return mail(List.of(to), "【通知汇总】" + parts.size() + " 件投诉的超时提醒与升级 —— " + parts.get(0).subject(),
                body.toString());
    }

    private static final String HEAD = "<html><body style=\"font-family:sans-serif\">";
    private static final String FOOT = "<p style=\"color:#888\">—— ComplaintFlow 投诉管理（系统邮件）</p></body></html>";

    private static Mail mail(List<String> to, String subject, String body) {
        return new Mail(to, subject, HEAD + body + FOOT);
    }

    private static Mail digestible(List<String> to, String subject, String body) {
        return new Mail(to, subject, HEAD + body + FOOT, true);
    }

    private static String inner(String html) {
        String inner = html.startsWith(HEAD) ? html.substring(HEAD.length()) : html;
        return inner.endsWith(FOOT) ? inner.substring(0, inner.length() - FOOT.length()) : inner;
    }

    private static String e(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value);
    }

    private static String lines(String value) {
        return e(value).replace("\n", "<br>");
    }
}
