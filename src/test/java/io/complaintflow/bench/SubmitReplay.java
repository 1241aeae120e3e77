package io.complaintflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.HandlerForms;
import io.complaintflow.TestScenarios;
import io.complaintflow.TestUsers;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.testdb.TestDatabaseInitializer;
import io.complaintflow.testdb.TestProfiles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The lifecycle's three submissions (department proposes, center answers, customer accepts) replayed in one thread,
 * in-process, as the bench's handlers submit them (claimed, then submitted as the authenticated handler, so the form
 * guard and the engine's checks run): the thread's CPU per submission, and a JFR recording of only those submissions
 * (node-wide sampling on a loaded machine gives too few samples of them). Not a test of behaviour: runs only with
 * {@code -Dsubmit.replay=N} (N complaints measured after N/3 warm-up ones), without the process-coverage plugin the
 * shared test context carries (it adds a listener to every element), e.g.
 * {@code ./mvnw -o test -Dtest=SubmitReplay -Dsubmit.replay=150 -DskipPostgresTests=true}; the recording goes to
 * {@code target/submit-replay.jfr}, or {@code -Dsubmit.replay.jfr=...}.
 */
@EnabledIfSystemProperty(named = "submit.replay", matches = "\\d+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles(resolver = TestProfiles.class)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({TestScenarios.class, TestUsers.class})
class SubmitReplay {

    private static final List<String> CENTER = List.of("complaint-center");
    private static final List<String> LOGISTICS = List.of("dept-logistics");

    @Autowired TestScenarios scenarios;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired IdentityService identity;
    @Autowired ComplaintRepository complaints;

    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

    @Test
    void replay() throws Exception {
        int n = Integer.getInteger("submit.replay");
        walk(Math.max(10, n / 3), null);
        long[] ns = new long[3];
        Path jfr = Path.of(System.getProperty("submit.replay.jfr", "target/submit-replay.jfr"));
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            walk(n, ns);
            recording.stop();
            Files.createDirectories(jfr.toAbsolutePath().getParent());
            recording.dump(jfr);
        }
        String line = String.format("submit replay: %d complaints, thread CPU per submission: department %.2f ms,"
                        + " answer %.2f ms, confirmation %.2f ms, the three %.2f ms", n, ns[0] / 1e6 / n,
                ns[1] / 1e6 / n, ns[2] / 1e6 / n, (ns[0] + ns[1] + ns[2]) / 1e6 / n);
        System.out.println(line);
        Files.writeString(Path.of("target/submit-replay.txt"), line + System.lineSeparator());
    }

    /** Files {@code n} complaints to the logistics department, then walks each to CLOSED; adds CPU to {@code ns}. */
    private void walk(int n, long[] ns) {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cases.add(scenarios.file(new io.complaintflow.intake.ComplaintRequest("web", null, null, null,
                    new io.complaintflow.intake.ComplaintRequest.CustomerRequest("周女士",
                            TestScenarios.uniquePhone(), null, null, false), "delivery",
                    TestScenarios.uniqueProduct(), "包裹破损", "收到的包裹破损", null, null, false, null)));
        }
        for (String cn : cases) {
            submit(scenarios.departmentTask(cn, "logistics"), "logistics", LOGISTICS,
                    HandlerForms.proposal("已联系快递补发包裹", 50, "process"), ns, 0);
            submit(scenarios.task(cn, HandlerForms.ANSWER_TASK), "center", CENTER,
                    HandlerForms.answer("已为您补发包裹并补偿 50 元", 50), ns, 1);
            submit(scenarios.task(cn, HandlerForms.CONFIRM_TASK), "center", CENTER,
                    HandlerForms.customerAccepts("process", "logistics"), ns, 2);
            assertThat(complaints.find(cn).orElseThrow().status().name()).isEqualTo("CLOSED");
        }
    }

    private void submit(Task task, String user, List<String> groups, Map<String, Object> values, long[] ns, int k) {
        identity.setAuthentication(user, groups);
        try {
            tasks.claim(task.getId(), user);
            long t0 = cpu.getCurrentThreadCpuTime();
            forms.submitTaskForm(task.getId(), values);
            if (ns != null) {
                ns[k] += cpu.getCurrentThreadCpuTime() - t0;
            }
        } finally {
            identity.clearAuthentication();
        }
    }
}
