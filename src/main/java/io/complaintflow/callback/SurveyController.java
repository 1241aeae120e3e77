package io.complaintflow.callback;

import io.complaintflow.callback.SurveyService.Outcome;
import io.complaintflow.callback.SurveyService.Result;
import io.complaintflow.intake.PublicRateLimiter;
import io.complaintflow.intake.PublicRateLimiter.Bucket;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The satisfaction page behind the closing mail's link (no login), rendered on the server: the form, or a clear
 * page for a link that is unknown (404), already used (409) or expired (410).
 */
@RestController
class SurveyController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
    private static final long MAX_BODY_BYTES = 16 * 1024;

    private final SurveyService surveys;
    private final PublicRateLimiter limiter;

    public SurveyController(SurveyService surveys, PublicRateLimiter limiter) {
        this.surveys = surveys;
        this.limiter = limiter;
    }

    @GetMapping("/public/survey/{token}")
    public ResponseEntity<String> page(@PathVariable String token, HttpServletRequest http) {
        limiter.check(Bucket.SURVEY, http.getRemoteAddr());
        Result result = surveys.check(token);
        if (result.outcome() != Outcome.OPEN) {
            return failure(result);
        }
        return html(HttpStatus.OK, form(token, result.caseNumber(), null));
    }

    @PostMapping(path = "/public/survey/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<String> answer(@PathVariable String token,
                                         @RequestParam(required = false) String score,
                                         @RequestParam(required = false) List<String> reasons,
                                         @RequestParam(required = false) String comment,
                                         HttpServletRequest http) {
        limiter.check(Bucket.SURVEY, http.getRemoteAddr());
        if (http.getContentLengthLong() > MAX_BODY_BYTES) {
            return html(HttpStatus.PAYLOAD_TOO_LARGE, page("内容过大", "<p>提交的内容过长，请精简后重试。</p>"));
        }
        Integer value = null;
        try {
            value = score == null ? null : Integer.valueOf(score.strip());
        } catch (NumberFormatException ignored) {
            // reported below as an invalid score
        }
        Result result = surveys.answer(token, value, reasons, comment);
        return switch (result.outcome()) {
            case RECORDED -> html(HttpStatus.OK, page("感谢您的评价",
                    "<p>您对工单 <b>" + e(result.caseNumber()) + "</b> 的评价已收到。"
                            + (value != null && value <= 2 ? "我们会重新处理您的问题，并尽快与您联系。" : "感谢您的支持！")
                            + "</p>"));
            case INVALID -> html(HttpStatus.BAD_REQUEST, form(token, result.caseNumber(), result.message()));
            default -> failure(result);
        };
    }

    private ResponseEntity<String> failure(Result result) {
        return switch (result.outcome()) {
            case USED -> html(HttpStatus.CONFLICT, page("您已评价过",
                    "<p>这个评价链接已经使用过，每个链接只能评价一次。感谢您的反馈！</p>"));
            case EXPIRED -> html(HttpStatus.GONE, page("评价链接已过期",
                    "<p>这个评价链接已过有效期。如对处理结果仍有意见，请联系客服热线或回复结案邮件。</p>"));
            case NOT_AWAITED -> html(HttpStatus.CONFLICT, page("该工单已完成回访",
                    "<p>客服已就工单 <b>" + e(result.caseNumber()) + "</b> 与您完成回访，无需再次评价。感谢您的反馈！</p>"));
            default -> html(HttpStatus.NOT_FOUND, page("链接无效",
                    "<p>没有找到这个评价链接，请核对邮件中的链接是否完整。</p>"));
        };
    }

    private static String form(String token, String caseNumber, String error) {
        StringBuilder b = new StringBuilder();
        b.append("<p>您好！工单 <b>").append(e(caseNumber)).append("</b> 已结案，请为我们的处理打分：</p>");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(e(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/public/survey/").append(e(token)).append("\">");
        b.append("<fieldset><legend>满意度（1 分最低，5 分最高）</legend>");
        for (int i = 1; i <= 5; i++) {
            b.append("<label><input type=\"radio\" name=\"score\" value=\"").append(i).append("\" required> ")
                    .append(i).append(" 分</label> ");
        }
        b.append("</fieldset><fieldset><legend>不满意的原因（2 分及以下请勾选或填写）</legend>");
        SurveyService.REASONS.forEach((code, label) -> b.append("<label><input type=\"checkbox\" name=\"reasons\" value=\"")
                .append(e(code)).append("\"> ").append(e(label)).append("</label><br>"));
        b.append("</fieldset><p><label>补充说明<br><textarea name=\"comment\" rows=\"4\" cols=\"40\" maxlength=\"")
                .append(SurveyService.MAX_COMMENT).append("\"></textarea></label></p>");
        b.append("<p><button type=\"submit\">提交评价</button></p></form>");
        return page("满意度评价", b.toString());
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + e(title) + " - 投诉服务</title><link rel=\"stylesheet\" href=\"/public/public.css\"></head>"
                + "<body><main><h1>" + e(title) + "</h1>" + body + "</main></body></html>";
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(HTML).header("Cache-Control", "no-store").body(body);
    }

    private static String e(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value);
    }
}
