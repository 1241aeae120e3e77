package io.complaintflow;

import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.TimelineEntry;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.IntakeJobs;
import io.complaintflow.intake.IntakeService;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.context.TestComponent;

/** Acts as intake clients and handlers do: files complaints and works tasks the way Tasklist submits forms. */
@TestComponent
public class TestScenarios {

    private static final AtomicInteger PHONE = new AtomicInteger(1000);

    private final IntakeService intake;
    private final IntakeJobs intakeJobs;
    private final JobExecutor jobExecutor;
    private final TaskService tasks;
    private final FormService forms;
    private final ComplaintRepository complaints;
    private final org.camunda.bpm.engine.IdentityService identity;

    public TestScenarios(IntakeService intake, IntakeJobs intakeJobs, ProcessEngine engine, TaskService tasks,
                         FormService forms, ComplaintRepository complaints,
                         org.camunda.bpm.engine.IdentityService identity) {
        this.jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        this.identity = identity;
        this.intake = intake;
        this.intakeJobs = intakeJobs;
        this.tasks = tasks;
        this.forms = forms;
        this.complaints = complaints;
    }

    /** A product no other test complains about, so mass-incident grouping only groups what a test means to group. */
    public static String uniqueProduct() {
        return "测试产品-" + PHONE.incrementAndGet();
    }

    /** A phone number no other test uses, so repeat detection only links what a test means to link. */
    public static String uniquePhone() {
        return "1390000" + PHONE.incrementAndGet();
    }

    public static ComplaintRequest request(String channel, String category, String subject, String description) {
        return new ComplaintRequest(channel, null, null, null,
                new CustomerRequest("测试客户", uniquePhone(), null, null, false), category, uniqueProduct(), subject,
                description, null, null, false, null);
    }

    /** Resolved by the agent while the customer was still on the line. */
    public static ComplaintRequest firstContact(String category, String resolution) {
        return new ComplaintRequest("hotline", null, null, null,
                new CustomerRequest("测试客户", uniquePhone(), null, null, false), category, uniqueProduct(), "咨询",
                "客户来电咨询", null, null, true, resolution);
    }

    public static ComplaintRequest regulatorCase(String regulator, String externalRef, String category) {
        return new ComplaintRequest("regulator", externalRef, regulator, "2026-12-31",
                new CustomerRequest("测试客户", uniquePhone(), null, null, false), category, uniqueProduct(), "监管转办",
                "消费者经监管平台投诉", null, null, false, null);
    }

    /**
     * Files the complaint as an intake client does, then runs what the job executor runs after intake's
     * asynchronous boundary (grading, routing, deadlines, first tasks): the case as a handler finds it moments later.
     */
    public String file(ComplaintRequest request) {
        String caseNumber = fileOnly(request);
        runIntakeJobs(caseNumber);
        return caseNumber;
    }

    /** Files the complaint and stops at intake's asynchronous boundary: stored, lifecycle started, not yet graded. */
    public String fileOnly(ComplaintRequest request) {
        return intake.accept(request, "agent").complaint().caseNumber();
    }

    /**
     * The one way tests let a filed complaint's intake continue (the job executor is off in tests): runs the case's
     * pending intake job — grading, routing, deadlines, the first tasks and the acknowledgement — in this thread.
     */
    public void runIntakeJobs(String caseNumber) {
        if (jobExecutor.isActive()) {
            awaitJobExecutor(caseNumber); // a cluster node's own job executor takes it
            return;
        }
        if (intakeJobs.pending(caseNumber).isEmpty()) {
            throw new AssertionError("no pending intake job for " + caseNumber);
        }
        intakeJobs.runNow(caseNumber);
    }

    private void awaitJobExecutor(String caseNumber) {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!intakeJobs.pending(caseNumber).isEmpty()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the job executor did not run the intake job of " + caseNumber + " in 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A routine complaint the decision tables send straight to the department (G1, known category). */
    public String routine(String category) {
        return file(request("hotline", category, "普通投诉", "普通的投诉内容"));
    }

    public List<Task> openTasks(String caseNumber) {
        return tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).active().list();
    }

    public Task task(String caseNumber, String taskDefinitionKey) {
        List<Task> found = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber)
                .taskDefinitionKey(taskDefinitionKey).active().list();
        if (found.size() != 1) {
            throw new AssertionError("expected one open " + taskDefinitionKey + " of " + caseNumber + " but found "
                    + found.size() + "; open: " + openTasks(caseNumber).stream().map(Task::getTaskDefinitionKey).toList());
        }
        return found.get(0);
    }

    public Task departmentTask(String caseNumber, String department) {
        return tasks.createTaskQuery().processInstanceBusinessKey(caseNumber)
                .taskDefinitionKey(HandlerForms.DEPARTMENT_TASK).taskCandidateGroup("dept-" + department)
                .includeAssignedTasks().active().singleResult();
    }

    /** Claims the task as {@code user} and submits the form values, as Tasklist does. */
    public void complete(Task task, String user, Map<String, Object> values) {
        tasks.claim(task.getId(), user);
        forms.submitTaskForm(task.getId(), values);
    }

    public void complete(String caseNumber, String taskDefinitionKey, String user, Map<String, Object> values) {
        complete(task(caseNumber, taskDefinitionKey), user, values);
    }

    public void propose(String caseNumber, String department, String user, String proposal) {
        complete(departmentTask(caseNumber, department), user, HandlerForms.proposal(proposal, 50, "process"));
    }

    /**
     * The form values that close a complaint (customer accepts, manager's final answer) plus what closure needs:
     * root cause, responsible department, preventable.
     */
    public static Map<String, Object> closing(Map<String, Object> values) {
        return HandlerForms.closing(values, "process", "quality");
    }

    /** The customer accepts the answer: the complaint closes with a root cause. */
    public void accept(String caseNumber) {
        complete(caseNumber, HandlerForms.CONFIRM_TASK, "center", HandlerForms.customerAccepts("process", "quality"));
    }

    public void sendBack(String caseNumber, String department, String user, String reason) {
        complete(departmentTask(caseNumber, department), user, HandlerForms.notOurs(reason));
    }

    /** A person who can log into the webapps (created once; the group must exist). */
    public void person(String id, String password, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("测试");
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    /** As the case-file tab finds it: the task's list column, else the process's variable. */
    public String caseNumberOf(Task task) {
        Object column = tasks.getVariableLocal(task.getId(), "listCaseNumber");
        return (String) (column != null ? column : tasks.getVariable(task.getId(), "caseNumber"));
    }

    public Complaint complaint(String caseNumber) {
        return complaints.find(caseNumber).orElseThrow();
    }

    public List<String> timelineKinds(String caseNumber) {
        return complaints.timeline(caseNumber).stream().map(TimelineEntry::kind).toList();
    }

    public static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }
}
