package io.complaintflow.operations;

import io.complaintflow.assist.AssistService;
import java.util.function.IntConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The image's class-data-sharing training run (Dockerfile, profile {@code training}): the JVM archives the classes it
 * loaded when it exits, so the run ends once the node is ready rather than when the context is refreshed — the first
 * start's own path (the models' deployment, groups, authorizations, filters, the text assistance's training) is then
 * in the archive too, not only the context's refresh (bench/README.md, "the first start on H2").
 */
@Component
@Profile("training")
class TrainingRunExit {

    private final IntConsumer exit;
    private final Runnable startupWork;

    @Autowired
    TrainingRunExit(AssistService assist) {
        // the text assistance trains beside readiness: its classes belong in the archive too
        this(System::exit, assist::awaitFirstTraining);
    }

    TrainingRunExit(IntConsumer exit, Runnable startupWork) {
        this.exit = exit;
        this.startupWork = startupWork;
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void ready(ApplicationReadyEvent ready) {
        startupWork.run();
        exit.accept(SpringApplication.exit(ready.getApplicationContext()));
    }
}
