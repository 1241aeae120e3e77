package io.complaintflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database away, as a node sees it (issue #18, point 7): intake answers 503 with Retry-After within the pool's
 * short connection timeout instead of 500 after 10 s; the jobs the node had locked are released when the database is
 * back instead of after their whole lock time.
 */
@ComplaintFlowTest
class DatabaseFaultTest {

    @Autowired DataSource dataSource;
    @Autowired DataSourceProperties dataSourceProperties;
    @Autowired TestScenarios scenarios;
    @Autowired JobLocks locks;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @LocalServerPort int port;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void intakeAnswers503WithRetryAfterWhileNoConnectionCanBeHadAndStoresNothing() throws Exception {
        scenarios.person("fault-intake", "intake-secret", "intake");
        HttpSession intake = new HttpSession(port).basic("fault-intake", "intake-secret");
        String subject = "数据库中断时的投诉 " + TestScenarios.uniquePhone();
        String body = """
                {"channel":"hotline","customer":{"name":"测试","phone":"%s"},
                 "category":"billing","subject":"%s","description":"多扣费"}""".formatted(TestScenarios.uniquePhone(),
                subject);
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        assertThat(pool.getConnectionTimeout()).as("a request waits at most this for a connection").isLessThanOrEqualTo(3000);

        List<Connection> taken = new ArrayList<>();
        HttpResponse<String> during;
        long millis;
        try {
            takeEveryConnection(pool, taken);
            long start = System.nanoTime();
            during = intake.postJson("/api/complaints", body);
            millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }

        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(during.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(new ObjectMapper().readTree(during.body()).get("type").asText())
                .isEqualTo("https://complaintflow.io/problems/database-unavailable");
        assertThat(during.body()).doesNotContainIgnoringCase("sql").doesNotContain("Hikari");
        assertThat(millis).as("answered within the connection timeout, not after 10 s").isLessThan(8000);
        assertThat(jdbc.sql("select count(*) from complaint where subject = ?").param(subject).query(Long.class)
                .single()).as("nothing stored").isZero();

        HttpResponse<String> after = intake.postJson("/api/complaints", body);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
    }

    @Test
    void jobsThisNodeLockedBeforeTheDatabaseWentAwayAreReleasedWhenItIsBack() {
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            instances.add(runtime.startProcessInstanceByKey("mail-outage", "LOCK-TEST-" + i).getId());
        }
        try {
            List<Job> jobs = instances.stream()
                    .map(id -> management.createJobQuery().processInstanceId(id).singleResult()).toList();
            Instant acquired = Instant.now();
            ClockUtil.setCurrentTime(Date.from(acquired));
            long lockTime = locks.lockTimeMillis();
            lock(jobs.get(0), locks.owner(), acquired.plusMillis(lockTime));
            lock(jobs.get(1), "the-other-node", acquired.plusMillis(lockTime));
            AtomicBoolean databaseUp = new AtomicBoolean(true);
            DatabaseWatch watch = new DatabaseWatch(databaseUp::get, locks,
                    new DatabaseFaultProperties(Duration.ofSeconds(5), true, Duration.ofSeconds(2), Duration.ofSeconds(10)));

            assertThat(watch.check()).isZero();
            ClockUtil.setCurrentTime(Date.from(acquired.plusSeconds(3)));
            databaseUp.set(false);
            assertThat(watch.check()).isZero();
            assertThat(watch.away()).isTrue();
            ClockUtil.setCurrentTime(Date.from(acquired.plusSeconds(40)));
            databaseUp.set(true);
            assertThat(watch.check()).as("within the grace a surviving job may still finish").isZero();
            Instant reacquired = acquired.plusSeconds(45);
            lock(jobs.get(2), locks.owner(), reacquired.plusMillis(lockTime));
            ClockUtil.setCurrentTime(Date.from(acquired.plusSeconds(51)));

            assertThat(watch.check()).isEqualTo(1);

            assertThat(lockOwner(jobs.get(0))).as("released: any node's next acquisition takes it").isNull();
            assertThat(lockOwner(jobs.get(1))).as("another node's lock").isEqualTo("the-other-node");
            assertThat(lockOwner(jobs.get(2))).as("taken after the database came back").isEqualTo(locks.owner());
            assertThat(watch.away()).isFalse();
        } finally {
            instances.forEach(id -> runtime.deleteProcessInstance(id, "test done"));
        }
    }

    @Test
    void theWatchAsksOverAConnectionOfItsOwnSoABusyPoolIsNotAnAbsentDatabase() throws Exception {
        DatabaseProbe probe = DatabaseWatch.jdbc(dataSourceProperties);
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> taken = new ArrayList<>();
        try {
            takeEveryConnection(pool, taken);
            assertThat(probe.reachable()).as("pool exhausted, database there").isTrue();
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
        DataSourceProperties nowhere = new DataSourceProperties();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
        nowhere.setUsername("nobody");
        assertThat(DatabaseWatch.jdbc(nowhere).reachable()).isFalse();
    }

    private void lock(Job job, String owner, Instant until) {
        jdbc.sql("update ACT_RU_JOB set LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? where ID_ = ?")
                .param(owner).param(Timestamp.from(until)).param(job.getId()).update();
    }

    private String lockOwner(Job job) {
        return jdbc.sql("select LOCK_OWNER_ from ACT_RU_JOB where ID_ = ?").param(job.getId()).query(String.class)
                .optional().orElse(null);
    }

    private static void takeEveryConnection(HikariDataSource pool, List<Connection> taken) {
        while (taken.size() < pool.getMaximumPoolSize()) {
            try {
                taken.add(pool.getConnection());
            } catch (SQLException exhausted) {
                return;
            }
        }
    }
}
