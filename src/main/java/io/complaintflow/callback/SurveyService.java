package io.complaintflow.callback;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.resolution.SurveyLinks;
import io.complaintflow.security.UnsafeText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The satisfaction link of the closing mail. A rating completes the callback: while the lifecycle waits at
 * {@code Gateway_AwaitCallback} it arrives as the message {@code SurveyAnswered}; once the callback timer has
 * fired it completes the open callback task. A low rating (≤ 2) or "not solved" reopens the case, as the phone
 * callback does. Each link works once and until it expires; a newer closure's link replaces older ones.
 */
@Service
public class SurveyService implements SurveyLinks {

    public static final String MESSAGE = "SurveyAnswered";
    public static final String ACTOR = "customer-survey";
    public static final int MAX_COMMENT = 1000;

    /** Reasons a customer can tick for a low score: code → label. */
    public static final Map<String, String> REASONS = reasons();

    public enum Outcome { OPEN, RECORDED, UNKNOWN, USED, EXPIRED, NOT_AWAITED, INVALID }

    public record Result(Outcome outcome, String caseNumber, String message) {
    }

    private final SurveyTokens tokens;
    private final CallbackService callbacks;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final BusinessClock clock;
    private final Duration validFor;
    private final String baseUrl;

    public SurveyService(SurveyTokens tokens, CallbackService callbacks, RuntimeService runtime, TaskService tasks,
                         BusinessClock clock,
                         SurveyProperties settings) {
        this.tokens = tokens;
        this.callbacks = callbacks;
        this.runtime = runtime;
        this.tasks = tasks;
        this.clock = clock;
        this.validFor = settings.surveyValidFor();
        String baseUrl = settings.baseUrl();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A fresh link for the closing mail; earlier unused links of the case stop working. */
    @Override
    public String issueLink(String caseNumber) {
        Instant now = clock.now();
        tokens.expireOpen(caseNumber, now);
        return baseUrl + "/public/survey/" + tokens.issue(caseNumber, now, now.plus(validFor));
    }

    @Transactional(readOnly = true)
    public Result check(String token) {
        return state(token).map(t -> new Result(Outcome.OPEN, t.caseNumber(), null))
                .orElseGet(() -> failure(token));
    }

    @Transactional
    public Result answer(String token, Integer score, List<String> reasonCodes, String comment) {
        Optional<SurveyTokens.Token> open = state(token);
        if (open.isEmpty()) {
            return failure(token);
        }
        String caseNumber = open.get().caseNumber();
        List<String> reasons = reasonCodes == null ? List.of()
                : reasonCodes.stream().filter(REASONS::containsKey).distinct().toList();
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (score == null || score < 1 || score > 5) {
            return new Result(Outcome.INVALID, caseNumber, "请选择 1 到 5 分");
        }
        if (score <= 2 && reasons.isEmpty() && text == null) {
            return new Result(Outcome.INVALID, caseNumber, "请告诉我们不满意的原因（勾选或填写）");
        }
        if (text != null && text.length() > MAX_COMMENT) {
            return new Result(Outcome.INVALID, caseNumber, "补充说明最多 " + MAX_COMMENT + " 个字");
        }
        Optional<String> unsafe = UnsafeText.problem(text);
        if (unsafe.isPresent()) { // a NUL byte, for one, is refused by PostgreSQL with a 500
            return new Result(Outcome.INVALID, caseNumber, "补充说明" + unsafe.get());
        }
        List<String> labels = new ArrayList<>(reasons.stream().map(REASONS::get).toList());
        if (text != null) {
            labels.add(text);
        }
        String note = "客户在线评价" + (labels.isEmpty() ? "" : "：" + String.join("；", labels));
        boolean resolved = !reasons.contains("not-resolved");

        ProcessInstance lifecycle = lifecycle(caseNumber);
        Task callbackTask = lifecycle == null ? null : tasks.createTaskQuery().processInstanceId(lifecycle.getId())
                .taskDefinitionKey("Task_SatisfactionCallback").active().singleResult();
        boolean awaited = lifecycle != null && runtime.createEventSubscriptionQuery()
                .processInstanceId(lifecycle.getId()).eventName(MESSAGE).count() > 0;
        if (!awaited && callbackTask == null) {
            return new Result(Outcome.NOT_AWAITED, caseNumber, null);
        }
        if (!tokens.use(token, score, String.join(",", reasons), clock.now())) {
            return new Result(Outcome.USED, caseNumber, null);
        }
        if (awaited) {
            boolean satisfied = callbacks.recordCallback(caseNumber, score, resolved, note, ACTOR);
            runtime.createMessageCorrelation(MESSAGE).processInstanceId(lifecycle.getId())
                    .setVariable(ComplaintProcess.SATISFIED, satisfied).correlateWithResult();
        } else {
            tasks.setAssignee(callbackTask.getId(), ACTOR);
            tasks.complete(callbackTask.getId(), Map.of("satisfactionScore", score,
                    "problemResolved", resolved ? "yes" : "no", "callbackNote", note));
        }
        return new Result(Outcome.RECORDED, caseNumber, null);
    }

    private ProcessInstance lifecycle(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.KEY)
                .processInstanceBusinessKey(caseNumber).active().singleResult();
    }

    /** The token if it can still be used. */
    private Optional<SurveyTokens.Token> state(String token) {
        return tokens.find(token).filter(t -> t.usedAt() == null && clock.now().isBefore(t.expiresAt()));
    }

    private Result failure(String token) {
        Optional<SurveyTokens.Token> t = tokens.find(token);
        if (t.isEmpty()) {
            return new Result(Outcome.UNKNOWN, null, null);
        }
        return new Result(t.get().usedAt() != null ? Outcome.USED : Outcome.EXPIRED, t.get().caseNumber(), null);
    }

    private static Map<String, String> reasons() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("not-resolved", "问题没有解决");
        r.put("slow", "处理太慢");
        r.put("attitude", "服务态度不好");
        r.put("compensation", "补偿不合理");
        r.put("repeat", "需要反复说明情况");
        r.put("other", "其他");
        return java.util.Collections.unmodifiableMap(r);
    }
}
