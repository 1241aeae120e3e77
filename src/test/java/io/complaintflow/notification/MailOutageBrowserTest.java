package io.complaintflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What an administrator meets in Cockpit after an SMTP outage longer than {@code give-up-after}: the banner above
 * the dashboard, the one {@code mail-outage} incident with its message, and — once the server answers — the retry on
 * the incident that sends every held mail. The screenshots are the ones in docs/operations.md.
 */
@ComplaintFlowTest
class MailOutageBrowserTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired MailDispatcher dispatcher;
    @Autowired MailOutbox outbox;
    @Autowired MailOutage outage;
    @Autowired MailProperties settings;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anAdministratorSeesTheHeldMailInCockpitAndRetriesTheIncidentOnceTheServerIsBack() throws Exception {
        runtime.createProcessInstanceQuery().processDefinitionKey(MailOutage.PROCESS_KEY).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test set-up"));
        scenarios.person("outage-admin", "outage-secret", "camunda-admin");
        String caseNumber;
        int smtpPort = mailSender.getPort();
        mailSender.setPort(closedPort());
        try {
            caseNumber = scenarios.file(new ComplaintRequest("web", null, null, null, new CustomerRequest("客户",
                    TestScenarios.uniquePhone(), "outage-" + TestScenarios.uniquePhone() + "@example.com", null, false),
                    "delivery", TestScenarios.uniqueProduct(), "快递丢件", "详细情况", null, null, false, null));
            dispatcher.dispatch(caseNumber);
            ClockUtil.setCurrentTime(Date.from(Instant.now().plus(settings.giveUpAfter()).plusSeconds(60)));
            assertThat(dispatcher.dispatch(caseNumber).held()).isEqualTo(1);
            ClockUtil.reset(); // the outage's step fails now, as the job executor runs it
            ProcessInstance open = outage.open();
            assertThat(open).as("the outage's instance").isNotNull();
            for (int attempt = 0; attempt < 3 && runtime.createIncidentQuery().processInstanceId(open.getId())
                    .count() == 0; attempt++) {
                Job step = management.createJobQuery().processInstanceId(open.getId()).singleResult();
                try {
                    management.executeJob(step.getId()); // what the job executor does: the server does not answer
                } catch (RuntimeException stillDown) {
                    // the failure is the incident
                }
            }
            assertThat(runtime.createIncidentQuery().processInstanceId(open.getId()).count()).isEqualTo(1);
        } finally {
            mailSender.setPort(smtpPort);
            ClockUtil.reset();
        }
        ProcessInstance open = outage.open();

        try (Browser browser = Browser.open(port)) {
            browser.login("cockpit", "outage-admin", "outage-secret");
            WebElement notice = browser.waitFor(Duration.ofSeconds(60), d -> d.findElements(
                    By.cssSelector(".complaintflow-notice[data-kind=mail]")).stream()
                    .filter(n -> !n.findElements(By.cssSelector("a.complaintflow-notice-link")).isEmpty())
                    .findFirst().orElse(null));
            assertThat(notice.getText()).contains("封邮件超过重试期限仍未发出", "邮件发送受阻", "重试");
            browser.screenshot("cockpit-mail-outage-notice");

            // the banner leads to the outage's incident
            notice.findElement(By.cssSelector("a.complaintflow-notice-link")).click();
            WebElement incident = browser.waitFor(Duration.ofSeconds(60), d -> d.findElements(
                    By.cssSelector("table tbody tr")).stream().filter(tr -> tr.getText().contains("SMTP"))
                    .findFirst().orElse(null));
            assertThat(browser.driver().getCurrentUrl()).contains(open.getId(), "incidents-tab");
            assertThat(runtime.createIncidentQuery().processInstanceId(open.getId()).singleResult()
                    .getIncidentMessage()).contains("SMTP 服务器不可达", "超过重试期限仍未发出", "之后滞留的邮件也归入此故障",
                    "服务器恢复后请在此点击重试");
            browser.screenshot("cockpit-mail-outage-incident");

            // the SMTP server answers again (the test's GreenMail): the operator retries the incident
            incident.findElement(By.cssSelector("a[ng-click^='openJobRetryDialog']")).click();
            WebElement retry = browser.waitFor(Duration.ofSeconds(30), d -> d.findElements(
                    By.cssSelector(".modal-footer .btn-primary")).stream().filter(WebElement::isDisplayed)
                    .findFirst().orElse(null));
            browser.screenshot("cockpit-mail-outage-retry");
            retry.click();
            browser.waitFor(Duration.ofSeconds(30), d -> runtime.createIncidentQuery()
                    .processInstanceId(open.getId()).count() == 0 ? true : null);
            // due within seconds, not when the failed attempt's retry cycle said (R1/PT5M kept it five minutes)
            browser.waitFor(Duration.ofSeconds(15), d -> management.createJobQuery().processInstanceId(open.getId())
                    .executable().count() == 1 ? true : null);

            // what the job executor does then (in the tests: by hand)
            Job step = management.createJobQuery().processInstanceId(open.getId()).singleResult();
            management.executeJob(step.getId());
            assertThat(outage.open()).as("the outage ended").isNull();
            assertThat(dispatcher.dispatch(caseNumber).sent()).isEqualTo(1);
            browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/#/dashboard");
            browser.waitFor(Duration.ofSeconds(60), d -> d.findElements(By.cssSelector(".complaintflow-dashboard"))
                    .isEmpty() ? null : true);
            assertThat(browser.driver().findElements(By.cssSelector(".complaintflow-notice[data-kind=mail]")))
                    .as("no mail held any more").isEmpty();
        }
        assertThat(outbox.ofBusinessKey(caseNumber)).extracting(MailOutbox.Row::status)
                .containsOnly(MailOutbox.Status.SENT);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
