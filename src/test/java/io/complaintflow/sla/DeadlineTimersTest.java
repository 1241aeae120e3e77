package io.complaintflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link DeadlineTimers#ladders} inside a listener's command (one plain statement) finds what the engine's queries
 * find outside one, and takes a job the command holds as the command holds it.
 */
@ComplaintFlowTest
class DeadlineTimersTest {

    @Autowired TestScenarios scenarios;
    @Autowired DeadlineTimers timers;
    @Autowired ProcessEngineConfigurationImpl engine;

    @Test
    void aListenersCommandFindsTheLaddersTheEngineQueriesFind() {
        String caseNumber = scenarios.routine("product-quality");
        List<DeadlineTimers.LadderTimer> queried = sorted(timers.ladders(caseNumber));
        // the lifecycle's ladder (first response and resolution) and the department part's
        assertThat(queried).extracting(DeadlineTimers.LadderTimer::deadlines).containsExactlyInAnyOrder(
                List.of(Deadline.FIRST_RESPONSE, Deadline.RESOLUTION), List.of(Deadline.department("quality")));

        List<DeadlineTimers.LadderTimer> inCommand = inListenersCommand(command -> timers.ladders(caseNumber));
        assertThat(sorted(inCommand)).isEqualTo(queried);
        List<DeadlineTimers.LadderTimer> none = inListenersCommand(command -> timers.ladders("CMP-00000000-000000"));
        assertThat(none).isEmpty();
    }

    @Test
    void aJobTheCommandHoldsIsTakenAsItHoldsIt() {
        String caseNumber = scenarios.routine("product-quality");
        DeadlineTimers.LadderTimer ladder = timers.ladders(caseNumber).get(0);
        Date moved = new Date(ladder.due().getTime() + 3_600_000L);

        List<DeadlineTimers.LadderTimer> seen = inListenersCommand(command -> {
            JobEntity job = command.getJobManager().findJobById(ladder.jobId());
            job.setDuedate(moved);
            List<DeadlineTimers.LadderTimer> found = timers.ladders(caseNumber);
            job.setDuedate(ladder.due()); // nothing of it stays
            return found;
        });
        assertThat(seen).filteredOn(l -> l.jobId().equals(ladder.jobId())).singleElement()
                .extracting(DeadlineTimers.LadderTimer::due).isEqualTo(moved);
    }

    /** As a listener or delegate runs: inside an engine command, without the engine's grant checks. */
    private <T> T inListenersCommand(Command<T> body) {
        return engine.getCommandExecutorTxRequired().execute(command -> {
            command.disableAuthorizationCheck();
            return body.execute(command);
        });
    }

    private static List<DeadlineTimers.LadderTimer> sorted(List<DeadlineTimers.LadderTimer> ladders) {
        return ladders.stream().sorted(Comparator.comparing(DeadlineTimers.LadderTimer::jobId)).toList();
    }
}
