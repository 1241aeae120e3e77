package io.complaintflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.engine.DefinitionMigration;
import io.complaintflow.engine.FileSystemDeployer;
import io.complaintflow.engine.ModelMigrator;
import io.complaintflow.engine.ModelPublisher;
import io.complaintflow.operations.DatabaseFaultProperties;
import io.complaintflow.operations.DatabaseWatch;
import io.complaintflow.operations.JobLocks;
import io.complaintflow.testdb.DatabaseCoordinates;
import io.complaintflow.testdb.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes, each the whole application with a running job executor, on one database of their own (H2 on the
 * H2 run, a fresh PostgreSQL database on the PostgreSQL run): Camunda's cluster model, where nodes share
 * nothing but the database and coordinate jobs through row locks with an expiry.
 */
class ClusterTest {

    private static DatabaseCoordinates database;
    private static ClusterNode nodeA;
    private static ClusterNode nodeB;

    @BeforeAll
    static void startNodes() {
        database = TestDatabase.fresh("cluster");
        nodeA = ClusterNode.start("nodeA", database); // the first node creates the schema
        nodeB = ClusterNode.start("nodeB", database);
    }

    /** The failover scenario kills node A: whatever runs after it gets a node A again, as after a restart. */
    @BeforeEach
    void bothNodesRun() {
        if (nodeA.killed()) {
            nodeA = ClusterNode.start("nodeA", database);
        }
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    /**
     * Spring Session keeps the login in the shared database. (Both nodes of this test live in one JVM, where
     * Camunda's engine registry needs distinct engine names: the login is for node A's engine, and node B's
     * webapp finds that engine by name; in production every node's engine is "default".)
     */
    @Test
    void aWebappLoginMadeOnOneNodeIsValidOnTheOther() {
        var identity = nodeA.engine().getIdentityService();
        var user = identity.newUser("cluster-handler");
        user.setPassword("secret-1");
        identity.saveUser(user);
        identity.createMembership("cluster-handler", "complaint-center");
        String whoAmI = "/camunda/api/admin/auth/user/nodeA";
        String taskCount = "/camunda/api/engine/engine/nodeA/task/count";

        HttpSession browser = new HttpSession(nodeB.port());
        assertThat(browser.get(taskCount).statusCode()).as("not logged in yet").isEqualTo(401);
        var login = browser.on(nodeA.port()).webappLogin("nodeA", "cluster-handler", "secret-1");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String session = browser.cookie("SESSION");
        assertThat(session).as("Spring Session's cookie").isNotBlank();

        var onB = browser.on(nodeB.port()).get(whoAmI);
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
        assertThat(onB.body()).contains("\"userId\":\"cluster-handler\"");
        assertThat(browser.get(taskCount).statusCode()).isEqualTo(200);
        assertThat(browser.cookie("SESSION")).as("node B used the session, made no new one").isEqualTo(session);
        assertThat(new HttpSession(nodeB.port()).get(whoAmI).statusCode()).as("without the cookie").isNotEqualTo(200);
    }

    @Test
    void aComplaintAcceptedOnOneNodeIsWorkedOnTheOther() {
        String caseNumber = nodeA.scenarios().routine("delivery");

        TestScenarios b = nodeB.scenarios();
        b.propose(caseNumber, "logistics", "logistics", "补发包裹");
        b.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "已为您补发", "compensation", 0));

        TestScenarios a = nodeA.scenarios();
        assertThat(a.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.RESOLVED);
        assertThat(a.timelineKinds(caseNumber)).contains("ACCEPTED", "PROPOSED", "ANSWERED");
        assertThat(a.task(caseNumber, "Task_ConfirmWithCustomer")).isNotNull();
    }

    @Test
    void eachCallbackTimerFiresExactlyOnceWhileBothNodesRunJobs() {
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ClusterNode intake = i % 2 == 0 ? nodeA : nodeB;
            ClusterNode handler = i % 2 == 0 ? nodeB : nodeA;
            String caseNumber = intake.scenarios().file(TestScenarios.firstContact("after-sales", "已当场解答"));
            handler.scenarios().complete(caseNumber, "Task_ConfirmWithCustomer", "center",
                    TestScenarios.closing(Map.of("customerDecision", "accept")));
            String instance = lifecycleOf(caseNumber);
            instances.add(instance);
            // three working days pass: the callback timer falls due now
            var management = handler.engine().getManagementService();
            management.setJobDuedate(management.createJobQuery().processInstanceId(instance)
                    .activityId("Event_CallbackDue").singleResult().getId(), new java.util.Date());
        }

        TaskService tasks = nodeA.engine().getTaskService();
        awaitTrue(Duration.ofSeconds(30), () -> instances.stream().allMatch(id ->
                tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("Task_SatisfactionCallback").count() > 0));
        sleep(Duration.ofMillis(1500)); // room for a second, wrong firing to show up

        HistoryService history = nodeA.engine().getHistoryService();
        List<String> firedOn = new ArrayList<>();
        for (String id : instances) {
            assertThat(tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("Task_SatisfactionCallback")
                    .count()).as("callback tasks of %s", id).isEqualTo(1);
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id)
                    .activityId("Event_CallbackDue").count()).as("timer firings of %s", id).isEqualTo(1);
            List<HistoricJobLog> successes = history.createHistoricJobLogQuery().processInstanceId(id)
                    .activityIdIn("Event_CallbackDue").successLog().list();
            assertThat(successes).as("successful timer executions of %s", id).hasSize(1);
            firedOn.add(successes.get(0).getHostname());
        }
        assertThat(firedOn).allMatch(node -> node.equals("nodeA") || node.equals("nodeB"));
        System.out.println("Callback timers fired on: " + firedOn);
    }

    @Test
    void aNewVersionOfTheLifecycleTakesOverRunningComplaints(@TempDir Path root) throws IOException {
        String caseNumber = nodeA.scenarios().routine("delivery"); // waits in department-handling
        Path processes = copy(Path.of("processes"), root.resolve("processes"));
        Path forms = copy(Path.of("forms"), root.resolve("forms"));
        Path lifecycle = processes.resolve("complaint-handling.bpmn");
        Files.writeString(lifecycle, Files.readString(lifecycle)
                .replace("id=\"Task_AnswerCustomer\" name=\"拟定答复\"", "id=\"Task_AnswerCustomer\" name=\"拟定答复（新版）\""));

        var publication = new ModelPublisher(new FileSystemDeployer(nodeB.bean(RepositoryService.class), processes,
                forms, "complaintflow"), nodeB.bean(ModelMigrator.class)).publish();

        assertThat(publication.migrations()).extracting(DefinitionMigration::processKey)
                .contains("complaint-handling", "department-handling");
        assertThat(publication.migrations()).allSatisfy(migration -> {
            assertThat(migration.migrated()).isPositive();
            assertThat(migration.notMigrated()).isEmpty();
        });
        nodeA.scenarios().propose(caseNumber, "logistics", "logistics", "补发包裹");
        assertThat(nodeA.scenarios().task(caseNumber, "Task_AnswerCustomer").getName())
                .as("the complaint continues on the new version").isEqualTo("拟定答复（新版）");
        assertThat(nodeA.bean(ModelMigrator.class).status().behindLatest()).isEmpty();
    }

    /** A process whose one job blocks on node A until the test lets it go ({@link KillableProbeDelegate}). */
    private static void deployProbeBlockingOnNodeA() {
        nodeA.engine().getRepositoryService().createDeployment().name("cluster-probe")
                .addModelInstance("cluster-probe.bpmn", Bpmn.createExecutableProcess("cluster-probe")
                        .camundaHistoryTimeToLive(1)
                        .startEvent("StartEvent_Probe")
                        .serviceTask("Task_Probe").camundaAsyncBefore().camundaClass(KillableProbeDelegate.class)
                        .userTask("Task_After")
                        .endEvent("EndEvent_Probe")
                        .done())
                .deploy();
        KillableProbeDelegate.RUNS.clear();
        KillableProbeDelegate.blockOn = "nodeA";
        KillableProbeDelegate.entered = new CountDownLatch(1);
        KillableProbeDelegate.release = new CountDownLatch(1);
    }

    @Test
    void aJobOfAKilledNodeIsRunByTheOtherOnceItsLockExpires() {
        deployProbeBlockingOnNodeA();

        nodeB.jobExecutor().shutdown(); // so that node A is the one to take the job
        ProcessInstance probe = nodeA.engine().getRuntimeService().startProcessInstanceByKey("cluster-probe");
        await(KillableProbeDelegate.entered);
        var lock = nodeB.bean(JdbcClient.class)
                .sql("select lock_owner_, lock_exp_time_ from act_ru_job where process_instance_id_ = ?")
                .param(probe.getId())
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).single();
        assertThat(lock.getKey()).as("node A holds the job's lock").isNotNull();
        nodeB.jobExecutor().start();

        nodeA.kill(() -> KillableProbeDelegate.release.countDown());

        RuntimeService runtime = nodeB.engine().getRuntimeService();
        awaitTrue(Duration.ofSeconds(20), () -> runtime.createExecutionQuery().processInstanceId(probe.getId())
                .activityId("Task_After").count() == 1);
        var runs = KillableProbeDelegate.RUNS;
        assertThat(runs).extracting(KillableProbeDelegate.Run::node).containsExactly("nodeA", "nodeB");
        assertThat(runs.get(1).at()).as("node B waits for the lock to expire").isAfterOrEqualTo(lock.getValue());

        ManagementService management = nodeB.engine().getManagementService();
        assertThat(management.createJobQuery().processInstanceId(probe.getId()).count()).isZero();
        HistoryService history = nodeB.engine().getHistoryService();
        assertThat(history.createHistoricJobLogQuery().processInstanceId(probe.getId()).successLog().list())
                .extracting(HistoricJobLog::getHostname).containsExactly("nodeB");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(probe.getId())
                .activityId("Task_Probe").count()).as("node A's attempt left no trace").isEqualTo(1);
    }

    /**
     * Issue #18: when node A's database is back, A gives back the locks of the jobs it took before the outage — but
     * not the lock of a job it is still running (one that survived the outage): given back, the other node would
     * run that job a second time, and A's own run would fail at its commit. That lock goes once the job is done.
     */
    @Test
    void aJobStillRunningWhenTheDatabaseIsBackKeepsItsLockWhileTheOthersAreReleased() {
        deployProbeBlockingOnNodeA();
        nodeA.engine().getRepositoryService().createDeployment().name("cluster-waiting")
                .addModelInstance("cluster-waiting.bpmn", Bpmn.createExecutableProcess("cluster-waiting")
                        .camundaHistoryTimeToLive(1)
                        .startEvent().intermediateCatchEvent().timerWithDuration("PT1H").endEvent().done())
                .deploy();
        JobLocks locks = nodeA.bean(JobLocks.class);
        JdbcClient jdbc = nodeA.bean(JdbcClient.class);
        int lockTime = nodeA.jobExecutor().getLockTimeInMillis();
        nodeA.jobExecutor().setLockTimeInMillis(120_000); // node A must not take its own job again while it runs
        nodeB.jobExecutor().shutdown(); // so that node A is the one to take the job
        RuntimeService runtime = nodeA.engine().getRuntimeService();
        ProcessInstance running = runtime.startProcessInstanceByKey("cluster-probe");
        ProcessInstance stranded = runtime.startProcessInstanceByKey("cluster-waiting");
        try {
            await(KillableProbeDelegate.entered);
            // as a job whose run failed while the database was away: locked by node A, no longer held by it
            jdbc.sql("update act_ru_job set lock_owner_ = ?, lock_exp_time_ = ? where process_instance_id_ = ?")
                    .param(locks.owner()).param(java.sql.Timestamp.from(Instant.now().plusSeconds(119)))
                    .param(stranded.getId()).update();
            AtomicBoolean up = new AtomicBoolean(true);
            DatabaseWatch watch = new DatabaseWatch(up::get, locks,
                    new DatabaseFaultProperties(Duration.ofSeconds(5), true, Duration.ofSeconds(2), Duration.ZERO));
            up.set(false);
            watch.check();
            up.set(true);

            assertThat(watch.check()).as("locks released").isEqualTo(1);

            assertThat(lockOwner(jdbc, running)).as("the job node A still runs").isEqualTo(locks.owner());
            assertThat(lockOwner(jdbc, stranded)).as("the job node A no longer holds").isNull();
            assertThat(watch.away()).as("a lock from before the outage is still out").isTrue();

            KillableProbeDelegate.release.countDown();
            awaitTrue(Duration.ofSeconds(20), () -> runtime.createExecutionQuery().processInstanceId(running.getId())
                    .activityId("Task_After").count() == 1);
            assertThat(KillableProbeDelegate.RUNS).extracting(KillableProbeDelegate.Run::node)
                    .as("run once, by node A").containsExactly("nodeA");
            assertThat(nodeA.engine().getHistoryService().createHistoricJobLogQuery().processInstanceId(running.getId())
                    .failureLog().count()).as("node A's run was not undone at its commit").isZero();
            assertThat(watch.check()).as("nothing more to release").isZero();
            assertThat(watch.away()).as("every lock from before the outage settled").isFalse();
        } finally {
            KillableProbeDelegate.release.countDown();
            nodeA.jobExecutor().setLockTimeInMillis(lockTime);
            nodeB.jobExecutor().start();
            runtime.deleteProcessInstance(stranded.getId(), "test done");
            if (runtime.createProcessInstanceQuery().processInstanceId(running.getId()).count() > 0) {
                runtime.deleteProcessInstance(running.getId(), "test done");
            }
        }
    }

    private static String lockOwner(JdbcClient jdbc, ProcessInstance instance) {
        return jdbc.sql("select lock_owner_ from act_ru_job where process_instance_id_ = ?").param(instance.getId())
                .query(String.class).optional().orElse(null);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    private String lifecycleOf(String caseNumber) {
        return nodeA.engine().getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(caseNumber).processDefinitionKey("complaint-handling")
                .singleResult().getId();
    }

    /**
     * The nightly retention run starts on both nodes at the same moment: one node runs it, the other skips, and each
     * complaint past its retention is anonymised once.
     */
    @Test
    void theNightlyRetentionRunsOnceOnTwoNodes() throws Exception {
        List<String> due = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ClusterNode node = i % 2 == 0 ? nodeA : nodeB;
            String caseNumber = node.scenarios().file(TestScenarios.firstContact("after-sales", "已当场解答"));
            node.scenarios().complete(caseNumber, "Task_ConfirmWithCustomer", "center",
                    TestScenarios.closing(Map.of("customerDecision", "accept")));
            due.add(caseNumber);
        }
        JdbcClient jdbc = nodeA.bean(JdbcClient.class);
        for (String caseNumber : due) {
            jdbc.sql("update complaint set closed_at = ? where case_number = ?")
                    .params(java.time.OffsetDateTime.now().minusYears(4), caseNumber).update();
        }
        java.time.LocalDate night = java.time.LocalDate.of(2030, 1, 2);
        CountDownLatch start = new CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var onA = pool.submit(() -> {
            await(start);
            return nodeA.bean(io.complaintflow.privacy.RetentionJob.class).run(night, "nodeA");
        });
        var onB = pool.submit(() -> {
            await(start);
            return nodeB.bean(io.complaintflow.privacy.RetentionJob.class).run(night, "nodeB");
        });
        start.countDown();
        var runs = List.of(onA.get(60, TimeUnit.SECONDS), onB.get(60, TimeUnit.SECONDS));
        pool.shutdown();

        assertThat(runs.stream().filter(io.complaintflow.privacy.RetentionJob.Run::ran).count())
                .as("runs that did the work").isEqualTo(1);
        var ran = runs.stream().filter(io.complaintflow.privacy.RetentionJob.Run::ran).findFirst().orElseThrow();
        assertThat(ran.anonymised()).containsAll(due);
        for (String caseNumber : due) {
            assertThat(jdbc.sql("select count(*) from privacy_erasure where case_number = ?").param(caseNumber)
                    .query(Long.class).single()).as("erasures of %s", caseNumber).isEqualTo(1);
            assertThat(nodeB.scenarios().complaint(caseNumber).customer().phone()).isNull();
        }
        assertThat(jdbc.sql("select node from privacy_retention_run where run_day = ?").param(night)
                .query(String.class).single()).isEqualTo(ran.node());
        System.out.println("Retention run of " + night + " done by " + ran.node() + ": " + ran.anonymised().size());
    }

    /**
     * The text assistant lives in each node's memory. A customer's text erased through node A is forgotten by node B's
     * model and similar-complaint index within the watch interval (a second here, a minute by default), not at B's
     * nightly retraining.
     */
    @Test
    void anErasureThroughOneNodeIsForgottenByTheOthersAssistant() {
        String phone = TestScenarios.uniquePhone();
        String description = "客户反映冰箱冷藏室结霜严重并有异味，联系电话 " + phone;
        String caseNumber = nodeA.scenarios().file(new io.complaintflow.intake.ComplaintRequest("hotline", null, null,
                null, new io.complaintflow.intake.ComplaintRequest.CustomerRequest("冰箱客户", phone, null, null, false),
                "product-quality", TestScenarios.uniqueProduct(), "冰箱结霜", description, null, null, true,
                "已当场解答"));
        nodeA.scenarios().complete(caseNumber, "Task_ConfirmWithCustomer", "center",
                TestScenarios.closing(Map.of("customerDecision", "accept")));
        nodeB.bean(io.complaintflow.assist.AssistService.class).retrain(); // as B's nightly retraining would
        BooleanSupplier bRemembers = () -> nodeB.bean(io.complaintflow.assist.AssistService.class)
                .similar(description, null, 20).stream().anyMatch(s -> s.complaint().text().contains(phone));
        assertThat(bRemembers.getAsBoolean()).as("before: B suggests it as a similar complaint").isTrue();

        nodeA.bean(io.complaintflow.privacy.Erasure.class)
                .erase(io.complaintflow.privacy.Subject.of(phone, null, null), "privacy");

        Instant erased = Instant.now();
        awaitTrue(Duration.ofSeconds(15), () -> !bRemembers.getAsBoolean());
        System.out.println("Node B forgot the erased text after " + Duration.between(erased, Instant.now()).toMillis()
                + " ms");
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) {
        Instant until = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not reached within " + timeout);
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).as("job started on node A").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
