package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Grade;
import io.complaintflow.intake.IntakeJobs;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job executor's acquisition reads due jobs through its own indexes: every job has a due date (so acquisition's
 * condition can use the index), the indexes exist after start-up and are made again, with due dates for jobs an
 * older version left without one, whenever the engine starts.
 */
@ComplaintFlowTest
class JobAcquisitionIndexesTest {

    @Autowired DataSource dataSource;
    @Autowired ProcessEngine engine;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired TestScenarios scenarios;
    @Autowired IntakeJobs intakeJobs;

    @Test
    void theIndexesExistAndAnAsynchronousJobIsDueAtOnce() throws Exception {
        assertIndexes(true);
        String caseNumber = scenarios.fileOnly(TestScenarios.request("hotline", "delivery", "快递", "快递没到"));
        Job intake = intakeJobs.pending(caseNumber).get(0);
        assertThat(intake.getDuedate()).as("ensureJobDueDateNotNull").isNotNull();
        assertThat(management.createJobQuery().jobId(intake.getId()).executable().count()).isEqualTo(1);
        scenarios.runIntakeJobs(caseNumber);
    }

    @Test
    void startingTheEngineRecreatesTheIndexesAndDatesJobsAnOlderVersionLeftWithoutADueDate() throws Exception {
        String caseNumber = scenarios.fileOnly(TestScenarios.request("hotline", "delivery", "快递", "快递没到"));
        String jobId = intakeJobs.pending(caseNumber).get(0).getId();
        jdbc.sql("update ACT_RU_JOB set DUEDATE_ = null where ID_ = ?").param(jobId).update();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (JobAcquisitionIndexes.Index index : JobAcquisitionIndexes.INDEXES) {
                statement.execute("drop index " + index.name());
            }
        }
        assertIndexes(false);

        new JobAcquisitionIndexes().postProcessEngineBuild(engine);

        assertIndexes(true);
        assertThat(management.createJobQuery().jobId(jobId).singleResult().getDuedate()).isNotNull();
        scenarios.runIntakeJobs(caseNumber);
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G1);
    }

    @Test
    void onPostgresTheJobTableIsVacuumedEarly() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(JobAcquisitionIndexes.postgres(connection),
                    "storage parameters are PostgreSQL's");
        }
        jdbc.sql("alter table ACT_RU_JOB reset (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,"
                + " autovacuum_analyze_scale_factor)").update();
        assertThat(reloptions()).doesNotContain("autovacuum_vacuum_scale_factor=0.02");

        new JobAcquisitionIndexes().postProcessEngineBuild(engine);

        assertThat(reloptions()).contains("autovacuum_vacuum_scale_factor=0.02", "autovacuum_vacuum_threshold=500",
                "autovacuum_analyze_scale_factor=0.05");
    }

    private String reloptions() {
        return jdbc.sql("select coalesce(array_to_string(reloptions, ','), '') from pg_class"
                + " where relname = 'act_ru_job' and relnamespace = to_regnamespace(current_schema())")
                .query(String.class).single();
    }

    private void assertIndexes(boolean present) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            for (JobAcquisitionIndexes.Index index : JobAcquisitionIndexes.INDEXES) {
                assertThat(indexExists(connection, index.name())).as(index.name()).isEqualTo(present);
            }
        }
    }

    private static boolean indexExists(Connection connection, String index) throws Exception {
        DatabaseMetaData meta = connection.getMetaData();
        for (String table : new String[] {"ACT_RU_JOB", "act_ru_job"}) {
            try (ResultSet rs = meta.getIndexInfo(connection.getCatalog(), connection.getSchema(), table, false, true)) {
                while (rs.next()) {
                    if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
