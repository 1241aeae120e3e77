package io.complaintflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.support.GenericApplicationContext;

/** The image's training run ends once the node is ready: context closed, JVM asked to exit with status 0. */
class TrainingRunExitTest {

    @Test
    void aReadyNodeOfTheTrainingRunClosesItsContextAndExitsCleanly() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.refresh();
        List<Integer> exits = new ArrayList<>();
        List<String> order = new ArrayList<>();

        new TrainingRunExit(code -> {
            order.add("exit");
            exits.add(code);
        }, () -> order.add("start-up work awaited")).ready(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                context, Duration.ofSeconds(1)));

        assertThat(exits).containsExactly(0);
        assertThat(order).containsExactly("start-up work awaited", "exit");
        assertThat(context.isActive()).isFalse();
    }
}
