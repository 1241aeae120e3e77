package io.complaintflow;

import io.complaintflow.testdb.TestDatabaseInitializer;
import io.complaintflow.testdb.TestProfiles;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The one application context all Spring tests share (one engine, one database: in-memory H2, or on the
 * PostgreSQL run a fresh PostgreSQL database): keep every Spring test on this annotation so the context is
 * built once per run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles(resolver = TestProfiles.class)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({ProcessEngineCoverageConfiguration.class, TestScenarios.class, TestMail.class, DeadlineScenarios.class,
        ReadinessScenarios.class, TestUsers.class, ProbeModels.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ComplaintFlowTest {
}
