package io.complaintflow.engine;

import java.util.Map;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets process owners publish what they saved in Modeler without restarting the application. */
@RestController
@RequestMapping("/api/models")
class ModelsController {

    private final ModelPublisher publisher;
    private final FileSystemDeployer deployer;
    private final ModelMigrator migrator;

    public ModelsController(ModelPublisher publisher, FileSystemDeployer deployer, ModelMigrator migrator) {
        this.publisher = publisher;
        this.deployer = deployer;
        this.migrator = migrator;
    }

    /** Deploys changed files and migrates running instances; the answer lists those that could not move. */
    @PostMapping("/redeploy")
    public Map<String, Object> redeploy() {
        var publication = publisher.publish();
        DeploymentWithDefinitions deployment = publication.deployment();
        int processes = deployment.getDeployedProcessDefinitions() == null ? 0
                : deployment.getDeployedProcessDefinitions().size();
        int decisions = deployment.getDeployedDecisionDefinitions() == null ? 0
                : deployment.getDeployedDecisionDefinitions().size();
        return Map.of("deploymentId", deployment.getId(), "changed", processes + decisions > 0,
                "processDefinitions", processes, "decisionDefinitions", decisions,
                "resources", deployer.resources().keySet(), "migrations", publication.migrations());
    }

    /** Running instances left on older model versions, and the engine's reasons for each refused one. */
    @GetMapping("/migration-report")
    public MigrationStatus migrationReport() {
        return migrator.status();
    }
}
