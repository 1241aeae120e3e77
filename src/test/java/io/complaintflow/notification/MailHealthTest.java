package io.complaintflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP server goes away: mail waits and is retried, the complaint desk is not down. Overall health says
 * DEGRADED (HTTP 200) with the component {@code mail} naming the server, while liveness and readiness — what an
 * orchestrator acts on — stay UP.
 */
@ComplaintFlowTest
class MailHealthTest {

    @Autowired JavaMailSenderImpl mailSender;
    @Autowired SmtpProbe smtp;
    @Autowired TestScenarios scenarios;
    @LocalServerPort int port;

    @Test
    void anAbsentSmtpServerDegradesHealthButTakesNoNodeOutOfService() throws Exception {
        scenarios.person("health-admin", "admin-secret", "camunda-admin");
        HttpSession admin = new HttpSession(port).basic("health-admin", "admin-secret");
        int smtpPort = mailSender.getPort();
        mailSender.setPort(closedPort());
        try {
            smtp.refresh();
            var overall = admin.get("/actuator/health");
            assertThat(overall.statusCode()).isEqualTo(200);
            JsonNode health = new ObjectMapper().readTree(overall.body());
            assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.at("/components/mail/status").asText()).isEqualTo("DEGRADED");
            assertThat(health.at("/components/mail/details/smtp").asText()).startsWith("unreachable: 127.0.0.1:");
            assertThat(new HttpSession(port).get("/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(new HttpSession(port).get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(new HttpSession(port).get("/actuator/health/readiness").body()).doesNotContain("mail");
        } finally {
            mailSender.setPort(smtpPort);
            smtp.refresh();
        }
        JsonNode health = new ObjectMapper().readTree(admin.get("/actuator/health").body());
        assertThat(health.at("/components/mail/status").asText()).isEqualTo("UP");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
