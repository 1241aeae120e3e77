package io.complaintflow.operations;

import io.complaintflow.calendar.CalendarCoverage;
import io.complaintflow.calendar.Coverage;
import io.complaintflow.notification.MailOutbox;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the Cockpit dashboard's banner shows: the installation's open problems, for everyone who reads reports — in
 * business words, without file paths or endpoints (the health component and docs/operations.md tell the operator how).
 */
@RestController
@RequestMapping("/api/operations")
class OperationsController {

    private final CalendarCoverage calendar;
    private final MailOutbox mails;

    public OperationsController(CalendarCoverage calendar, MailOutbox mails) {
        this.calendar = calendar;
        this.mails = mails;
    }

    @GetMapping("/notices")
    public List<Notice> notices() {
        List<Notice> notices = new ArrayList<>();
        Coverage coverage = calendar.current();
        if (!coverage.announcedYears().isEmpty()) {
            String years = coverage.announcedYears().stream().map(String::valueOf).collect(Collectors.joining("、"));
            notices.add(new Notice("calendar", "工作日历缺少 " + years + " 年的节假日数据：涉及这些年份的处理期限暂不计法定节假日和调休。",
                    "国务院办公厅公布该年的放假安排后，请系统管理员补充节假日数据并重启各节点。"));
        }
        MailOutbox.Summary outbox = mails.summary();
        if (outbox.held() > 0) {
            notices.add(new Notice("mail", outbox.held() + " 封邮件超过重试期限仍未发出，已暂停自动重试。",
                    "邮件服务器恢复后，请系统管理员在「邮件发送受阻」故障上点击重试，暂停的邮件将全部发出。"));
        }
        return notices;
    }
}
