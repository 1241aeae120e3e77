package io.complaintflow.engine;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Publishes the models at start-up, before identity, filters and demo data need them, and migrates running
 * instances when a model changed. In a cluster only the first node to start with new files deploys them.
 */
@Component
@Order(StartupOrder.DEPLOY)
public class DeployOnStartup implements ApplicationRunner {

    private final ModelPublisher publisher;

    public DeployOnStartup(ModelPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void run(ApplicationArguments args) {
        publisher.publish();
    }
}
