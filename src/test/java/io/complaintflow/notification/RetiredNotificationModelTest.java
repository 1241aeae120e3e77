package io.complaintflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.complaintflow.ComplaintFlowTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Upgrading: an instance of the retired one-instance-per-mail model {@code notification} still waiting at its send
 * step finishes on its own version — its mail goes into the outbox and out once, with a Message-ID of ours.
 */
@ComplaintFlowTest
class RetiredNotificationModelTest {

    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired MailOutbox outbox;
    @Autowired MailDispatcher dispatcher;
    @Autowired GreenMail greenMail;

    @Test
    void aWaitingMailOfTheRetiredModelIsSentOnceThroughTheOutbox() throws Exception {
        DeploymentWithDefinitions old = repository.createDeployment().name("retired-notification-model")
                .addString("notification.bpmn", resource("models/generation-1/notification.bpmn")).deployWithResult();
        try {
            String caseNumber = "CMP-RETIRED-" + UUID.randomUUID().toString().substring(0, 8);
            String to = "retired-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            ProcessInstance waiting = runtime.startProcessInstanceById(
                    old.getDeployedProcessDefinitions().get(0).getId(), caseNumber, Variables.createVariables()
                            .putValue("mailPurpose", "受理回执").putValue("mailTo", to)
                            .putValue("mailSubject", "【投诉受理】您的投诉已受理，工单号 " + caseNumber)
                            .putValue("mailBody", "<p>已受理</p>"));
            assertThat(waiting).isWaitingAt("Task_SendMail");

            management.executeJob(management.createJobQuery().processInstanceId(waiting.getId()).singleResult()
                    .getId());

            assertThat(waiting).isEnded().hasPassed("Task_SendMail", "EndEvent_MailSent");
            assertThat(outbox.ofBusinessKey(caseNumber)).singleElement().satisfies(m -> {
                assertThat(m.purpose()).isEqualTo("受理回执");
                assertThat(m.recipients()).containsExactly(to);
            });
            assertThat(dispatcher.dispatch(caseNumber).sent()).isEqualTo(1);
            MimeMessage[] received = Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals(to);
                } catch (Exception e) {
                    return false;
                }
            }).toArray(MimeMessage[]::new);
            assertThat(received).hasSize(1);
            assertThat(received[0].getMessageID()).isEqualTo(outbox.ofBusinessKey(caseNumber).get(0).messageId());
        } finally {
            repository.deleteDeployment(old.getId(), true);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = RetiredNotificationModelTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
