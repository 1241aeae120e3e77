package io.complaintflow.operations;

import java.util.function.IntConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
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

    @Autowired
    TrainingRunExit() {
        this(System::exit);
    }

    TrainingRunExit(IntConsumer exit) {
        this.exit = exit;
    }

    @EventListener
    void ready(ApplicationReadyEvent ready) {
        exit.accept(SpringApplication.exit(ready.getApplicationContext()));
    }
}
