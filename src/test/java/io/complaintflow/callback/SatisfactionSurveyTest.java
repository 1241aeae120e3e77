package io.complaintflow.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.ComplaintRequest;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ComplaintFlowTest
class SatisfactionSurveyTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @Autowired MockMvc mvc;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired io.complaintflow.notification.MailOutbox outbox;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired JdbcClient jdbc;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    private final String address = "198.51.100." + ADDRESS.incrementAndGet();

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** A routine complaint answered, accepted and closed: the lifecycle waits for the callback or the survey. */
    private String closed() {
        String caseNumber = scenarios.file(new ComplaintRequest("web", null, null, null,
                new CustomerRequest("周女士", TestScenarios.uniquePhone(), "zhou@example.com", null, false), "delivery",
                TestScenarios.uniqueProduct(), "包裹破损", "收到的包裹破损", null, null, false, null));
        scenarios.propose(caseNumber, "logistics", "logistics", "补发");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "已为您补发"));
        scenarios.accept(caseNumber);
        assertThat(lifecycle(caseNumber)).isWaitingAt("Gateway_AwaitCallback");
        return caseNumber;
    }

    private ProcessInstance lifecycle(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.KEY)
                .processInstanceBusinessKey(caseNumber).singleResult();
    }

    private String token(String caseNumber) {
        return jdbc.sql("select token from survey_token where case_number = ? order by created_at desc")
                .param(caseNumber).query(String.class).list().get(0);
    }

    private ResultActions rate(String token, String score, String... reasons) throws Exception {
        var request = post("/public/survey/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                });
        if (score != null) {
            request.param("score", score);
        }
        if (reasons.length > 0) {
            request.param("reasons", reasons);
        }
        return mvc.perform(request);
    }

    private ResultActions page(String token) throws Exception {
        return mvc.perform(get("/public/survey/" + token).with(r -> {
            r.setRemoteAddr(address);
            return r;
        }));
    }

    @Test
    void theClosingMailCarriesALinkAndAGoodRatingCompletesTheCallback() throws Exception {
        String caseNumber = closed();
        String token = token(caseNumber);
        Object mailBody = outbox.ofBusinessKey(caseNumber).stream().map(m -> m.html())
                .filter(b -> b.contains("结案")).findFirst().orElseThrow();
        assertThat(mailBody.toString()).contains("/public/survey/" + token);

        page(token).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.containsString(caseNumber)));
        ProcessInstance lifecycle = lifecycle(caseNumber);
        rate(token, "5").andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("感谢")));

        assertThat(lifecycle).isEnded().hasPassed("Event_SurveyAnswered", "EndEvent_ComplaintClosed")
                .hasNotPassed("Task_SatisfactionCallback");
        assertThat(scenarios.complaint(caseNumber).satisfactionScore()).isEqualTo(5);
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(time.timer(caseNumber, "Event_CallbackDue")).as("the callback timer is gone").isNull();

        rate(token, "1", "slow").andExpect(status().isConflict())
                .andExpect(content().string(Matchers.containsString("已经使用过")));
        page(token).andExpect(status().isConflict());
    }

    @Test
    void aCommentWithANulByteOrAnInvisibleCharacterIsRefusedAndTheLinkStaysOpen() throws Exception {
        String caseNumber = closed();
        String token = token(caseNumber);
        for (String comment : new String[] {"很好\u0000", "很好\u200B", "很好\uFDD0"}) {
            mvc.perform(post("/public/survey/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .param("score", "4").param("comment", comment).with(r -> {
                                r.setRemoteAddr(address);
                                return r;
                            }))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(Matchers.containsString("补充说明")));
        }
        assertThat(scenarios.complaint(caseNumber).satisfactionScore()).isNull();
        page("tok\u0000en").andExpect(status().is4xxClientError());
        rate(token, "4").andExpect(status().isOk());
    }

    /**
     * Found by {@code GeneratedHostileInputTest} (seed 18, case 834): a comment whose bytes are not UTF-8 — sent once
     * or with the field repeated — was decoded leniently and stored with U+FFFD in place of the bytes. Over real
     * HTTP (MockMvc hands the controller decoded parameters): 400 naming {@code comment}, nothing stored.
     */
    @Test
    void aCommentWhoseBytesAreNotUtf8IsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String caseNumber = closed();
        String token = token(caseNumber);
        for (String form : new String[] {"score=4&comment=%E8%B0%A2%C0%80", "score=4&comment=%E8%B0%A2&comment=%FF",
                "score=4&comment=ok&comment=%E6%8A"}) {
            java.net.http.HttpResponse<String> answer = postForm(token, form);
            assertThat(answer.statusCode()).as(form + " → " + answer.body()).isEqualTo(400);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("errors")
                    .findValuesAsText("field")).as(answer.body()).containsExactly("comment");
        }
        assertThat(scenarios.complaint(caseNumber).satisfactionScore()).isNull();
        assertThat(jdbc.sql("select count(*) from timeline_entry where case_number = ? and detail like ?")
                .param(caseNumber).param("%\uFFFD%").query(Long.class).single()).isZero();
        assertThat(lifecycle(caseNumber)).isWaitingAt("Gateway_AwaitCallback");

        java.net.http.HttpResponse<String> clean = postForm(token, "score=4&comment=%E8%B0%A2%E8%B0%A2");
        assertThat(clean.statusCode()).as(clean.body()).isEqualTo(200);
        assertThat(scenarios.complaint(caseNumber).satisfactionScore()).isEqualTo(4);
    }

    private java.net.http.HttpResponse<String> postForm(String token, String form) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/public/survey/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", address)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLowRatingReopensTheCaseThroughTheUsualReopenPath() throws Exception {
        String caseNumber = closed();
        String token = token(caseNumber);

        rate(token, "2").andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.containsString("不满意的原因")));
        rate(token, "9", "slow").andExpect(status().isBadRequest());
        rate(token, "2", "slow", "not-resolved").andExpect(status().isOk());

        ProcessInstance lifecycle = lifecycle(caseNumber);
        assertThat(lifecycle).hasPassed("Event_SurveyAnswered", "Task_ReopenComplaint").isWaitingAt("Task_ReviewTriage");
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.REOPENED);
        assertThat(scenarios.complaint(caseNumber).reopenCount()).isEqualTo(1);
        assertThat(scenarios.timelineKinds(caseNumber)).contains("CALLBACK", "REOPENED");
    }

    @Test
    void afterTheCallbackTimerARatingCompletesTheOpenCallbackTask() throws Exception {
        String caseNumber = closed();
        String token = token(caseNumber);
        time.fire(caseNumber, "Event_CallbackDue");
        ProcessInstance lifecycle = lifecycle(caseNumber);
        assertThat(lifecycle).isWaitingAt("Task_SatisfactionCallback");

        rate(token, "4").andExpect(status().isOk());

        assertThat(lifecycle).isEnded().hasPassed("Task_SatisfactionCallback", "EndEvent_ComplaintClosed");
        assertThat(scenarios.complaint(caseNumber).satisfactionScore()).isEqualTo(4);
    }

    @Test
    void anExpiredOrUnknownLinkGetsAClearPage() throws Exception {
        String caseNumber = closed();
        String token = token(caseNumber);
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(15))));

        page(token).andExpect(status().isGone()).andExpect(content().string(Matchers.containsString("已过期")));
        rate(token, "5").andExpect(status().isGone());
        assertThat(lifecycle(caseNumber)).isWaitingAt("Gateway_AwaitCallback");

        page("no-such-token").andExpect(status().isNotFound())
                .andExpect(content().string(Matchers.containsString("链接无效")));
        page("<script>alert(1)</script>").andExpect(status().isNotFound())
                .andExpect(content().string(Matchers.not(Matchers.containsString("<script>"))));
    }

    @Test
    void aCallbackDoneByPhoneLeavesTheLinkWithNothingToDo() throws Exception {
        String caseNumber = closed();
        String token = token(caseNumber);
        time.fire(caseNumber, "Event_CallbackDue");
        scenarios.complete(caseNumber, "Task_SatisfactionCallback", "center",
                Map.of("satisfactionScore", "5", "problemResolved", "yes"));

        rate(token, "3").andExpect(status().isConflict())
                .andExpect(content().string(Matchers.containsString("已完成回访")));
    }
}
