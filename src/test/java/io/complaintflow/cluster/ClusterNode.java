package io.complaintflow.cluster;

import io.complaintflow.ComplaintFlowApplication;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.intake.IntakeService;
import io.complaintflow.testdb.DatabaseCoordinates;
import io.complaintflow.testdb.TestProfiles;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One node of a test cluster: the whole application, web server on a free port, with a running job executor,
 * on a database it shares with the other nodes. Timers and locks are short so the test runs in seconds.
 */
final class ClusterNode implements AutoCloseable {

    static final long LOCK_TIME_MILLIS = 3000;

    private final String name;
    private final ConfigurableApplicationContext context;
    private final KillSwitch killSwitch;
    private volatile boolean killed;

    private ClusterNode(String name, ConfigurableApplicationContext context, KillSwitch killSwitch) {
        this.name = name;
        this.context = context;
        this.killSwitch = killSwitch;
    }

    static ClusterNode start(String name, DatabaseCoordinates database) {
        List<String> args = new ArrayList<>(List.of(
                "--camunda.bpm.process-engine-name=" + name,
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
                "--camunda.bpm.job-execution.wait-time-in-millis=100",
                "--camunda.bpm.job-execution.max-wait=300",
                "--server.port=0",
                // an erasure on one node reaches the other's text assistant within a second (default a minute)
                "--complaintflow.privacy.erasure-watch-interval=PT1S",
                "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false"));
        database.springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        KillSwitch killSwitch = new KillSwitch();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ComplaintFlowApplication.class)
                .profiles(TestProfiles.profiles())
                .initializers(c -> c.getBeanFactory().addBeanPostProcessor(killSwitch))
                .run(args.toArray(String[]::new));
        return new ClusterNode(name, context, killSwitch);
    }

    String name() {
        return name;
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }


    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    ProcessEngine engine() {
        return bean(ProcessEngine.class);
    }

    TestScenarios scenarios() {
        return new TestScenarios(bean(IntakeService.class), bean(io.complaintflow.intake.IntakeJobs.class), engine(), bean(TaskService.class), bean(FormService.class),
                bean(ComplaintRepository.class), bean(org.camunda.bpm.engine.IdentityService.class));
    }

    JobExecutor jobExecutor() {
        return ((ProcessEngineConfigurationImpl) engine().getProcessEngineConfiguration()).getJobExecutor();
    }

    /**
     * As a crash looks to the database: every connection of this node is gone, so whatever its job threads
     * are doing is rolled back and nothing it locked is released; then the node's remains are shut down.
     */
    void kill(Runnable whileConnectionsAreGone) {
        killed = true;
        killSwitch.kill();
        whileConnectionsAreGone.run();
        close();
    }

    boolean killed() {
        return killed;
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (RuntimeException e) {
            // a killed node cannot shut down cleanly; what matters is what the others see afterwards
        } finally {
            WebappRuntimes.restoreIfCleared();
        }
    }
}
