package io.complaintflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowApplication;
import io.complaintflow.assist.AssistService;
import io.complaintflow.cluster.WebappRuntimes;
import io.complaintflow.intake.IntakeJobs;
import io.complaintflow.pdca.AnswerScripts;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A first start with the {@code demo} profile on an empty database, job executor on (issue #19, start-up): the node
 * answers ready before the demo complaints exist, they are made right after on a thread of their own while the job
 * executor competes for their intake jobs, and every case ends where the demo means it to be, with no failed job.
 */
class DemoComplaintsTest {

    static final String ENGINE = "demonode";
    static ConfigurableApplicationContext node;
    static int port;
    static long complaintsWhenReady;

    @BeforeAll
    static void startADemoNodeOnAnEmptyDatabase() throws Exception {
        port = freePort();
        node = new SpringApplicationBuilder(ComplaintFlowApplication.class).profiles("test", "demo").run(
                "--server.port=" + port,
                "--camunda.bpm.process-engine-name=" + ENGINE,
                "--camunda.bpm.generic-properties.properties.hostname=" + ENGINE,
                "--camunda.bpm.job-execution.enabled=true",
                "--spring.datasource.url=jdbc:h2:mem:demonode-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false");
        complaintsWhenReady = complaints().size();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        WebappRuntimes.restoreIfCleared();
    }

    @Test
    void theNodeIsReadyFirstAndTheDemoCasesFollowWhereTheDemoLeavesThem() throws Exception {
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(complaintsWhenReady).as("complaints when the start returned").isLessThan(7);

        IntakeJobs intakeJobs = node.getBean(IntakeJobs.class);
        TaskService tasks = node.getBean(TaskService.class);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!settled(intakeJobs, tasks) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        List<Map<String, Object>> made = complaints();
        assertThat(made).extracting(row -> row.get("channel"))
                .containsExactlyInAnyOrder("email", "hotline", "wechat", "regulator", "web", "hotline", "app");
        String regulated = caseOf(made, "regulator");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(regulated).active().list())
                .as("the center's review sent the regulator's case to quality and legal")
                .flatExtracting(task -> tasks.getIdentityLinksForTask(task.getId()).stream()
                        .map(link -> link.getGroupId()).toList())
                .contains("dept-quality", "dept-legal");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(caseOf(made, "web")).active().list())
                .as("logistics proposed, the center answers the customer")
                .extracting(Task::getTaskDefinitionKey).contains("Task_AnswerCustomer");
        assertThat(node.getBean(AnswerScripts.class).current("product-quality")).as("参考 shows a script in the demo")
                .hasValueSatisfying(script -> assertThat(script.body()).contains("三包"));
        String closed = caseOf(made, "email");
        assertThat(node.getBean(JdbcClient.class).sql("select status from complaint where case_number = ?").param(closed)
                .query(String.class).single()).as("the demo's closed complaint").isEqualTo("CLOSED");
        // 参考 of the open rice cooker (quality's task) lists the closed one under 相似的已结案投诉
        String cooker = node.getBean(JdbcClient.class)
                .sql("select case_number from complaint where subject = '电饭煲使用一周后内胆涂层脱落'").query(String.class).single();
        HttpResponse<String> reference = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/complaints/" + cooker + "/reference"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "quality:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reference.statusCode()).as(reference.body()).isEqualTo(200);
        assertThat(reference.body()).contains(closed, "更换新内胆").doesNotContain("暂无相似的已结案投诉");
        ManagementService management = node.getBean(ManagementService.class);
        assertThat(management.createJobQuery().withException().list()).as("jobs that failed").isEmpty();
        assertThat(node.getBean(RuntimeService.class).createIncidentQuery().list()).as("incidents").isEmpty();
    }

    /** Seven complaints, none with its intake job pending, the last steps of the demo done, the text assistant retrained. */
    private static boolean settled(IntakeJobs intakeJobs, TaskService tasks) {
        List<Map<String, Object>> made = complaints();
        if (made.size() < 7 || made.stream().anyMatch(row -> !intakeJobs.pending((String) row.get("case_number")).isEmpty())) {
            return false;
        }
        return tasks.createTaskQuery().processInstanceBusinessKey(caseOf(made, "web"))
                .taskDefinitionKey("Task_AnswerCustomer").count() > 0
                && node.getBean(AssistService.class).info().size() > 0; // retrained with the closed one
    }

    private static List<Map<String, Object>> complaints() {
        return node.getBean(JdbcClient.class).sql("select case_number, channel from complaint").query().listOfRows();
    }

    private static String caseOf(List<Map<String, Object>> made, String channel) {
        return made.stream().filter(row -> channel.equals(row.get("channel"))).map(row -> (String) row.get("case_number"))
                .findFirst().orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
