package io.complaintflow.testdb;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered by auto-detection on the PostgreSQL run only (see pom.xml): when no PostgreSQL can be had there,
 * every test of that run is skipped — counted as skipped, with the reason — and the H2 run still counts.
 */
public class PostgresRunCondition implements ExecutionCondition {

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgresRun()) {
            return ConditionEvaluationResult.enabled("H2 run");
        }
        String reason = PostgresServer.unavailableReason();
        if (reason != null) {
            if (TOLD.compareAndSet(false, true)) {
                System.err.println("== PostgreSQL test run SKIPPED: " + reason);
            }
            return ConditionEvaluationResult.disabled("PostgreSQL test run skipped: " + reason);
        }
        if (TOLD.compareAndSet(false, true)) {
            System.out.println("== PostgreSQL test run on " + PostgresServer.get().description());
        }
        return ConditionEvaluationResult.enabled("PostgreSQL available");
    }
}
