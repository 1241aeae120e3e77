package io.complaintflow.cluster;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** A job that, on the node named {@link #blockOn}, waits mid-execution until the test has killed that node. */
public class KillableProbeDelegate implements JavaDelegate {

    record Run(String node, Instant at) {
    }

    static final List<Run> RUNS = new CopyOnWriteArrayList<>();
    static volatile String blockOn;
    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        String node = execution.getProcessEngine().getName();
        RUNS.add(new Run(node, Instant.now()));
        if (node.equals(blockOn)) {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
        }
    }
}
