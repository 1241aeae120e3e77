package io.complaintflow.privacy;

import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.ComplaintView;
import io.complaintflow.complaint.TimelineEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.web.util.HtmlUtils;

/** The export as a printable page a privacy officer can hand to the customer (every value escaped). */
final class SubjectDocument {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SubjectDocument() {
    }

    static String html(SubjectExport.SubjectData data, ZoneId zone) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>个人信息副本</title>")
                .append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:")
                .append("collapse}td,th{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:top}")
                .append("</style></head><body><h1>个人信息副本</h1>");
        h.append("<p>查询对象：").append(e(data.subject())).append("；导出时间：").append(time(data.exportedAt(), zone))
                .append("；经办：").append(e(data.exportedBy())).append("；共 ").append(data.complaints().size())
                .append(" 件投诉。</p>");
        for (SubjectExport.ComplaintData d : data.complaints()) {
            ComplaintView c = d.complaint();
            h.append("<h2>工单 ").append(e(c.caseNumber())).append("</h2><table>");
            row(h, "状态", Coded.codeOf(c.status()));
            row(h, "受理时间", time(c.createdAt(), zone));
            row(h, "结案时间", time(c.closedAt(), zone));
            row(h, "渠道", c.channel());
            if (c.customer() != null) {
                row(h, "姓名", c.customer().name());
                row(h, "电话", c.customer().phone());
                row(h, "邮箱", c.customer().email());
                row(h, "客户编号", c.customer().customerId());
            }
            row(h, "产品", c.product());
            row(h, "主题", c.subject());
            row(h, "投诉内容", c.description());
            row(h, "答复", c.resolution());
            row(h, "满意度", c.satisfactionScore() == null ? null : c.satisfactionScore().toString());
            h.append("</table>");
            if (c.timeline() != null && !c.timeline().isEmpty()) {
                h.append("<h3>处理经过</h3><table><tr><th>时间</th><th>经办</th><th>事项</th><th>说明</th></tr>");
                for (TimelineEntry t : c.timeline()) {
                    h.append("<tr><td>").append(time(t.at(), zone)).append("</td><td>").append(e(t.actor()))
                            .append("</td><td>").append(e(t.summary())).append("</td><td>").append(e(t.detail()))
                            .append("</td></tr>");
                }
                h.append("</table>");
            }
            for (SubjectExport.MailReceived m : d.mailsReceived()) {
                h.append("<h3>来信 ").append(time(m.receivedAt(), zone)).append("</h3><p>").append(e(m.sender()))
                        .append(" — ").append(e(m.subject())).append("</p><pre>").append(e(m.text())).append("</pre>");
            }
            for (SubjectExport.MailSent m : d.mailsSent()) {
                h.append("<h3>去信 ").append(time(m.sentAt(), zone)).append("</h3><p>").append(e(m.to()))
                        .append(" — ").append(e(m.subject())).append("</p><pre>")
                        .append(e(m.html() == null ? null : m.html().replaceAll("<[^>]*>", " ")))
                        .append("</pre>");
            }
            for (SubjectExport.SurveyAnswer s : d.surveyAnswers()) {
                if (s.answeredAt() != null) {
                    h.append("<h3>满意度回访 ").append(time(s.answeredAt(), zone)).append("</h3><p>评分 ")
                            .append(s.score()).append("；").append(e(s.reasons())).append("</p>");
                }
            }
            for (SubjectExport.Attachment a : d.attachments()) {
                h.append("<p>附件：").append(e(a.fileName())).append("（").append(a.sizeBytes()).append(" 字节）</p>");
            }
        }
        return h.append("</body></html>").toString();
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th>").append(label).append("</th><td>").append(e(value)).append("</td></tr>");
    }

    private static String e(String s) {
        return s == null ? "—" : HtmlUtils.htmlEscape(s);
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "—" : TIME.format(at.atZone(zone));
    }
}
