package io.complaintflow.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves running instances onto a newly deployed model version wherever Camunda accepts a plan that maps
 * every activity to the activity of the same id ({@code mapEqualActivities}). Each instance migrates in its
 * own command, so one refused instance does not hold back the others; the refused ones stay on their version
 * and are recorded with the engine's reasons for the process owner. Event triggers are not updated: a timer
 * that is already waiting keeps its due date.
 *
 * <p>Only within a model generation ({@link ModelGeneration}): across generations instances finish on the version
 * they started on. Such a change is one the engine would accept but get wrong — the deadline ladder (generation 2)
 * replaced the boundary timers of generation 1, and a migration would silently drop those timers without starting
 * the ladders — so these instances are listed with that reason instead. Instances waiting at a generation-3 ladder task
 * migrate with their ladder's job ({@link OwnTimersAcrossVersions}).
 */
@Component
public class ModelMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(ModelMigrator.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final MigrationIssues issues;
    private final OwnTimersAcrossVersions ownTimers;
    private final Map<String, Integer> generations = new java.util.concurrent.ConcurrentHashMap<>();

    public ModelMigrator(RepositoryService repository, RuntimeService runtime, MigrationIssues issues,
                         OwnTimersAcrossVersions ownTimers) {
        this.repository = repository;
        this.runtime = runtime;
        this.issues = issues;
        this.ownTimers = ownTimers;
    }

    /** Migrates the instances of older versions of every process definition the deployment brought. */
    public List<DefinitionMigration> migrateTo(DeploymentWithDefinitions deployment) {
        List<DefinitionMigration> result = new ArrayList<>();
        List<ProcessDefinition> deployed = deployment == null || deployment.getDeployedProcessDefinitions() == null
                ? List.of() : deployment.getDeployedProcessDefinitions();
        for (ProcessDefinition target : deployed) {
            for (ProcessDefinition source : olderVersions(target)) {
                List<ProcessInstance> running = runtime.createProcessInstanceQuery()
                        .processDefinitionId(source.getId()).list();
                if (!running.isEmpty()) {
                    result.add(migrate(source, target, running));
                }
            }
        }
        return result;
    }

    /** What is left behind now: read from the database, the same on every node. */
    public MigrationStatus status() {
        List<MigrationIssue> current = new ArrayList<>();
        for (MigrationIssue issue : issues.all()) {
            ProcessInstance instance = runtime.createProcessInstanceQuery()
                    .processInstanceId(issue.processInstanceId()).singleResult();
            if (instance != null && instance.getProcessDefinitionId().equals(issue.sourceDefinitionId())) {
                current.add(issue);
            } else {
                issues.resolve(issue.processInstanceId()); // ended, or moved on since
            }
        }
        return new MigrationStatus(behindLatest(), current);
    }

    private DefinitionMigration migrate(ProcessDefinition source, ProcessDefinition target,
                                        List<ProcessInstance> running) {
        List<MigrationIssue> refused = new ArrayList<>();
        int from = generation(source);
        int to = generation(target);
        if (from != to) {
            String reason = "model generation " + from + " → " + to + ": runs to its end on version "
                    + source.getVersion() + " (not migrated across generations)";
            running.forEach(instance -> refused.add(issue(instance, source, target, reason)));
            return finish(source, target, 0, refused);
        }
        MigrationPlan plan;
        try {
            plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
        } catch (MigrationPlanValidationException e) {
            String reason = "migration plan refused: " + e.getMessage();
            running.forEach(instance -> refused.add(issue(instance, source, target, reason)));
            return finish(source, target, 0, refused);
        }
        int migrated = 0;
        for (ProcessInstance instance : running) {
            if (ownTimers.failing(instance.getId())) {
                refused.add(issue(instance, source, target, "a deadline ladder step has an incident: it stays on "
                        + "version " + source.getVersion() + " until the incident is resolved"));
                continue;
            }
            try {
                ownTimers.migrate(instance.getId(), target.getId(),
                        () -> runtime.newMigration(plan).processInstanceIds(instance.getId()).execute());
                issues.resolve(instance.getId());
                migrated++;
            } catch (MigratingProcessInstanceValidationException e) {
                refused.add(issue(instance, source, target, describe(e.getValidationReport())));
            }
        }
        return finish(source, target, migrated, refused);
    }

    private DefinitionMigration finish(ProcessDefinition source, ProcessDefinition target, int migrated,
                                       List<MigrationIssue> refused) {
        refused.forEach(issue -> {
            issues.record(issue);
            LOG.warn("Instance {} ({}) stays on {} v{}: {}", issue.processInstanceId(), issue.businessKey(),
                    issue.processKey(), issue.sourceVersion(), issue.reason());
        });
        LOG.info("Migrated {} instances of {} v{} to v{}; {} stay on v{}", migrated, source.getKey(),
                source.getVersion(), target.getVersion(), refused.size(), source.getVersion());
        return new DefinitionMigration(source.getKey(), source.getVersion(), target.getVersion(), migrated, refused);
    }

    private int generation(ProcessDefinition definition) {
        return generations.computeIfAbsent(definition.getId(),
                id -> ModelGeneration.of(repository.getBpmnModelInstance(id)));
    }

    private List<ProcessDefinition> olderVersions(ProcessDefinition target) {
        if (target.getVersion() == 1) {
            // a first version has none before it; the query would parse its model for nothing (the engine reads
            // each definition's documentation from its model, enableFetchProcessDefinitionDescription), which on a
            // fresh database is every model once more at start-up (bench/README.md, "the first start")
            return List.of();
        }
        var query = repository.createProcessDefinitionQuery().processDefinitionKey(target.getKey());
        if (target.getTenantId() == null) {
            query.withoutTenantId();
        } else {
            query.tenantIdIn(target.getTenantId());
        }
        return query.list().stream()
                .filter(definition -> definition.getVersion() < target.getVersion())
                .sorted(Comparator.comparingInt(ProcessDefinition::getVersion))
                .toList();
    }

    private List<VersionBacklog> behindLatest() {
        Map<String, List<ProcessDefinition>> byKey = repository.createProcessDefinitionQuery().list().stream()
                .collect(Collectors.groupingBy(ProcessDefinition::getKey, TreeMap::new, Collectors.toList()));
        List<VersionBacklog> backlog = new ArrayList<>();
        byKey.forEach((key, versions) -> {
            int latest = versions.stream().mapToInt(ProcessDefinition::getVersion).max().orElse(0);
            versions.stream().filter(d -> d.getVersion() < latest)
                    .sorted(Comparator.comparingInt(ProcessDefinition::getVersion))
                    .forEach(d -> {
                        long count = runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count();
                        if (count > 0) {
                            backlog.add(new VersionBacklog(key, d.getVersion(), latest, count));
                        }
                    });
        });
        return backlog;
    }

    private static MigrationIssue issue(ProcessInstance instance, ProcessDefinition source, ProcessDefinition target,
                                        String reason) {
        return new MigrationIssue(instance.getId(), instance.getBusinessKey(), source.getKey(), source.getId(),
                source.getVersion(), target.getId(), target.getVersion(), reason, Instant.now());
    }

    private static String describe(MigratingProcessInstanceValidationReport report) {
        return Stream.of(
                        report.getFailures().stream(),
                        report.getActivityInstanceReports().stream().flatMap(r -> r.getFailures().stream()
                                .map(f -> "activity " + r.getSourceScopeId() + ": " + f)),
                        report.getTransitionInstanceReports().stream().flatMap(r -> r.getFailures().stream()
                                .map(f -> "activity " + r.getSourceScopeId() + ": " + f)))
                .flatMap(s -> s)
                .collect(Collectors.joining("; "));
    }
}
