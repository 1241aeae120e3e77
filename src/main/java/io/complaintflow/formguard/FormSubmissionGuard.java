package io.complaintflow.formguard;

import io.complaintflow.security.CommandFields;
import io.complaintflow.security.CommandGuard;
import io.complaintflow.security.CommandGuards;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every submission a person makes — Tasklist's submit-form, {@code /engine-rest/task/{id}/submit-form},
 * {@code /complete}, {@code /task/{id}/variables} and {@code /localVariables}, start forms and process starts —
 * is checked against the Camunda Form of its task (or start event) before any listener runs: only the fields
 * the form shows, read-only ones unchanged, required, options (also from {@code valuesKey}), numbers, dates and
 * lengths ({@link FormCheck}), and the {@link SubmissionRule}s. A refusal names each field and changes nothing.
 * Writing a process's variables directly ({@code /process-instance/{id}/variables}, executions, batches) is for
 * administrators only: nobody else has a form for them. The application's own calls (no engine user) and the
 * engine's jobs are not checked.
 */
@Component
public class FormSubmissionGuard implements CommandGuard {

    static final List<Class<?>> SUBMISSIONS = List.of(SubmitTaskFormCmd.class, CompleteTaskCmd.class,
            SetTaskVariablesCmd.class, PatchTaskVariablesCmd.class, RemoveTaskVariablesCmd.class,
            SetExecutionVariablesCmd.class, PatchExecutionVariablesCmd.class, RemoveExecutionVariablesCmd.class,
            SetVariablesToProcessInstancesBatchCmd.class, SubmitStartFormCmd.class, StartProcessInstanceCmd.class);

    /** Forms bound to a deployment: deployment id | form key → the parsed form (deployments never change). */
    private final Map<String, CamundaForm> forms = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_FORMS = 1_000;

    private final ObjectProvider<SubmissionRule> rules;

    public FormSubmissionGuard(ObjectProvider<SubmissionRule> rules) {
        this.rules = rules;
    }

    @Override
    public boolean guards(Command<?> command) {
        return SUBMISSIONS.stream().anyMatch(type -> type.isInstance(command));
    }

    @Override
    public void check(Command<?> command, CommandContext context, Authentication caller) {
        if (caller == null) {
            return;
        }
        boolean admin = CommandGuards.isAdmin(caller, context.getProcessEngineConfiguration());
        if (command instanceof SubmitTaskFormCmd) {
            refuseForm(task(context, CommandFields.get(command, "taskId"), CommandFields.get(command, "properties"),
                    true, caller, false));
        } else if (command instanceof CompleteTaskCmd) {
            refuseForm(task(context, CommandFields.get(command, "taskId"), CommandFields.get(command, "variables"),
                    true, caller, false));
        } else if (command instanceof SetTaskVariablesCmd || command instanceof PatchTaskVariablesCmd) {
            if (admin) {
                return;
            }
            Collection<String> deletions = command instanceof AbstractPatchVariablesCmd
                    ? CommandFields.get(command, "deletions") : null;
            List<String> problems = new ArrayList<>();
            if (deletions != null) {
                deletions.forEach(name -> problems.add(name + "：不能删除任务的变量"));
            }
            boolean local = CommandFields.get(command, "isLocal");
            problems.addAll(task(context, CommandFields.get(command, "entityId"),
                    CommandFields.get(command, "variables"), false, caller, local));
            refuseWrite(problems);
        } else if (command instanceof SubmitStartFormCmd) {
            refuseForm(start(context, CommandFields.get(command, "processDefinitionId"), null,
                    CommandFields.get(command, "variables")));
        } else if (command instanceof StartProcessInstanceCmd) {
            ProcessInstantiationBuilderImpl builder = CommandFields.get(command, "instantiationBuilder");
            if (!admin && builder.getVariables() != null && !builder.getVariables().isEmpty()) {
                refuseWrite(start(context, builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(),
                        builder.getVariables()));
            }
        } else if (!admin) {
            refuseWrite(List.of("只有系统管理员可以直接修改流程变量；处理人员通过任务表单提交"));
        }
    }

    /** @param local the values are written as the task's own variables ({@code /localVariables}) */
    private List<String> task(CommandContext context, String taskId, Map<String, ?> variables, boolean complete,
                              Authentication caller, boolean local) {
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null) {
            return List.of(); // the command itself reports the missing task
        }
        // the engine's own permission first, so someone who may not work the task learns nothing of its form
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
            if (complete) {
                checker.checkTaskWork(task);
            } else {
                checker.checkUpdateTaskVariable(task);
            }
        }
        Map<String, ?> submitted = variables == null ? Map.of() : variables;
        CamundaForm form = taskForm(context, task);
        List<String> problems = new ArrayList<>(FormCheck.check(form, submitted, new TaskVariables(task), complete,
                conditions(context)));
        if (local) {
            problems.addAll(FormCheck.shadowing(form, submitted.keySet(), task.getVariableNamesLocal()));
        }
        if (complete) {
            Map<String, Object> values = FormCheck.plainValues(submitted);
            TaskSubmission submission = new TaskSubmission(taskId, task.getTaskDefinitionKey(),
                    task.getProcessInstanceId(), task.getProcessInstance() == null ? null
                    : task.getProcessInstance().getBusinessKey(), caller.getUserId(), values);
            rules.orderedStream().forEach(rule -> problems.addAll(rule.check(submission)));
        }
        return problems;
    }

    private List<String> start(CommandContext context, String definitionId, String key, Map<String, ?> variables) {
        String id = definitionId;
        if (id == null && key != null) {
            ProcessDefinitionEntity latest = context.getProcessDefinitionManager()
                    .findLatestProcessDefinitionByKey(key);
            id = latest == null ? null : latest.getId();
        }
        if (id == null) {
            return List.of();
        }
        String definition = id;
        ProcessDefinitionEntity entity = context.getProcessDefinitionManager().findLatestDefinitionById(id);
        if (entity == null) {
            return List.of();
        }
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
            checker.checkCreateProcessInstance(entity);
        }
        CamundaForm form = form(context, () -> new GetDeployedStartFormCmd(definition));
        return FormCheck.check(form, variables == null ? Map.of() : variables, Map.of(), true, conditions(context));
    }

    /**
     * The task's form: a form bound to its process's deployment ({@code camunda:formRefBinding="deployment"}, a
     * literal key — every model here) is the same for as long as that deployment exists, so it is read and parsed
     * once per node and deployment (two statements and a parse per submission otherwise); any other binding is read
     * each time, as it may resolve to a newer form.
     */
    private CamundaForm taskForm(CommandContext context, TaskEntity task) {
        String key = deployedFormKey(task);
        if (key == null) {
            return form(context, () -> new GetDeployedTaskFormCmd(task.getId()));
        }
        CamundaForm known = forms.get(key);
        if (known != null) {
            return known;
        }
        CamundaForm form = form(context, () -> new GetDeployedTaskFormCmd(task.getId()));
        if (form != CamundaForm.NONE) {
            if (forms.size() >= MAX_FORMS) {
                forms.clear();
            }
            forms.put(key, form);
        }
        return form;
    }

    private static String deployedFormKey(TaskEntity task) {
        TaskDefinition definition = task.getTaskDefinition();
        if (definition == null || definition.getFormDefinition() == null || task.getExecution() == null
                || task.getExecution().getProcessDefinition() == null) {
            return null;
        }
        FormDefinition form = definition.getFormDefinition();
        Expression ref = form.getCamundaFormDefinitionKey();
        if (form.getFormKey() != null || ref == null || !"deployment".equals(form.getCamundaFormDefinitionBinding())
                || ref.getExpressionText() == null || ref.getExpressionText().contains("{")) {
            return null;
        }
        return task.getExecution().getProcessDefinition().getDeploymentId() + "|" + ref.getExpressionText();
    }

    private static CamundaForm form(CommandContext context, java.util.function.Supplier<Command<InputStream>> cmd) {
        try (InputStream json = context.runWithoutAuthorization(cmd.get())) {
            return CamundaForm.parse(json);
        } catch (ProcessEngineException noForm) {
            return CamundaForm.NONE;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new ProcessEngineException("form of the task cannot be read", e);
        }
    }

    private static FormCheck.Conditions conditions(CommandContext context) {
        FeelEngine feel = ((DefaultDmnEngineConfiguration) context.getProcessEngineConfiguration()
                .getDmnEngineConfiguration()).getFeelEngine();
        return (expression, values) -> {
            String e = expression.strip().startsWith("=") ? expression.strip().substring(1) : expression;
            try {
                Object hidden = feel.evaluateSimpleExpression(e, byName(values));
                return hidden instanceof Boolean b ? b : null;
            } catch (RuntimeException cannotTell) {
                return null;
            }
        };
    }

    /**
     * The variables the task sees, each read when asked for by name; all of them only when iterated. A form's check
     * reads a read-only field's or a {@code valuesKey}'s variable, so the task's other values — the lifecycle's JSON
     * {@code departments} from its byte array — are not read for it.
     */
    static final class TaskVariables extends java.util.AbstractMap<String, Object> {

        private final TaskEntity task;
        private Set<Map.Entry<String, Object>> all;

        TaskVariables(TaskEntity task) {
            this.task = task;
        }

        @Override
        public Object get(Object name) {
            return name instanceof String key ? task.getVariable(key) : null;
        }

        @Override
        public boolean containsKey(Object name) {
            return name instanceof String key && task.hasVariable(key);
        }

        @Override
        public Set<String> keySet() {
            return task.getVariableNames();
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            if (all == null) {
                all = task.getVariables().entrySet();
            }
            return all;
        }
    }

    /** The condition's variables read by name (Variables.fromMap would copy, reading every value). */
    private static VariableContext byName(Map<String, Object> values) {
        return new VariableContext() {
            @Override
            public TypedValue resolve(String name) {
                return values.containsKey(name) ? Variables.untypedValue(values.get(name)) : null;
            }

            @Override
            public boolean containsVariable(String name) {
                return values.containsKey(name);
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }

    private static void refuseForm(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(problems,
                    "表单提交未通过校验，未保存任何内容：" + String.join("；", problems));
        }
    }

    private static void refuseWrite(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AuthorizationException("不能这样写入流程变量，未保存任何内容：" + String.join("；", problems));
        }
    }
}
