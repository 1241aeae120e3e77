package io.complaintflow.engine;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Publishes the models at start-up, before identity, filters and demo data need them. */
@Component
@Order(StartupOrder.DEPLOY)
public class DeployOnStartup implements ApplicationRunner {

    private final FileSystemDeployer deployer;

    public DeployOnStartup(FileSystemDeployer deployer) {
        this.deployer = deployer;
    }

    @Override
    public void run(ApplicationArguments args) {
        deployer.deploy();
    }
}
