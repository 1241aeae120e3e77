package io.complaintflow.engine;

import java.util.List;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.springframework.stereotype.Component;

/** Publishes what is in processes/ and forms/, then moves running instances onto what changed. */
@Component
public class ModelPublisher {

    private final FileSystemDeployer deployer;
    private final ModelMigrator migrator;

    public ModelPublisher(FileSystemDeployer deployer, ModelMigrator migrator) {
        this.deployer = deployer;
        this.migrator = migrator;
    }

    public Publication publish() {
        DeploymentWithDefinitions deployment = deployer.deploy();
        return new Publication(deployment, migrator.migrateTo(deployment));
    }

    /** A deployment (new, or the unchanged one) and what its new versions did to running instances. */
    public record Publication(DeploymentWithDefinitions deployment, List<DefinitionMigration> migrations) {
    }
}
