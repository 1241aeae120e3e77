package io.complaintflow.engine;

import io.complaintflow.modelpolicy.ModelPolicyViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Publishes the models at start-up, before identity, filters and demo data need them, and migrates running
 * instances when a model changed. In a cluster only the first node to start with new files deploys them.
 * Models the model policy refuses are not published, and the node starts on the versions it had.
 */
@Component
@Order(StartupOrder.DEPLOY)
public class DeployOnStartup implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DeployOnStartup.class);

    private final ModelPublisher publisher;

    public DeployOnStartup(ModelPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            publisher.publish();
        } catch (ModelPolicyViolation refused) {
            // each violation is logged and listed (GET /api/models/policy-issues); the node starts on what it had
            LOG.error("processes/ was not published: {} model policy violation(s); running the last published "
                    + "versions", refused.violations().size());
        }
    }
}
