package io.complaintflow.demo;

import io.complaintflow.assist.AssistService;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.IntakeJobs;
import io.complaintflow.intake.IntakeService;
import io.complaintflow.pdca.AnswerScripts;
import java.math.BigDecimal;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A handful of complaints in different states, so a first look at Tasklist shows real work. Runs only on an
 * empty database, and moves the cases along exactly as the handlers would.
 *
 * <p>Made once the node accepts traffic, on a thread of its own (issue #19, start-up): the node is UP about three
 * seconds sooner on its first start, and the complaints appear in Tasklist within seconds of it. By then the job
 * executor runs, so the cases' intake jobs are left to it (this thread waits for each before moving the case on)
 * rather than run here as well, which would race it.
 */
@Component
@Profile("demo")
public class DemoComplaints {

    private static final Logger LOG = LoggerFactory.getLogger(DemoComplaints.class);
    private static final Duration JOB_WAIT = Duration.ofSeconds(60);

    private final IntakeService intake;
    private final AnswerScripts scripts;
    private final IntakeJobs intakeJobs;
    private final TaskService tasks;
    private final JdbcClient jdbc;
    private final ObjectProvider<JobExecutor> jobExecutor;
    private final AssistService assist;
    private final AtomicBoolean started = new AtomicBoolean();

    public DemoComplaints(IntakeService intake, AnswerScripts scripts, IntakeJobs intakeJobs, TaskService tasks,
                          JdbcClient jdbc, ObjectProvider<JobExecutor> jobExecutor, AssistService assist) {
        this.intake = intake;
        this.scripts = scripts;
        this.intakeJobs = intakeJobs;
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.jobExecutor = jobExecutor;
        this.assist = assist;
    }

    /** Once the node is ready (never again when the readiness state comes back after a refusal). */
    @EventListener
    public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && started.compareAndSet(false, true)) {
            Thread maker = new Thread(this::createLogged, "demo-complaints");
            maker.setDaemon(true);
            maker.start();
        }
    }

    private void createLogged() {
        try {
            create();
        } catch (RuntimeException e) {
            LOG.error("Demo complaints not (all) created", e);
        }
    }

    void create() {
        if (jdbc.sql("select count(*) from complaint").query(Long.class).single() > 0) {
            return;
        }
        // the answer script of product quality, so the 案卷 tab's 参考 shows one (a PDCA review publishes the next)
        scripts.publish("product-quality", "产品质量问题应答口径", "1. 先致歉，核实购买时间、型号和问题现象，请客户提供照片或视频。\n"
                + "2. 三包期内的质量问题：免费维修或更换；购买 15 日内可退货。\n"
                + "3. 涉及人身安全的：请客户立即停止使用，当天升级投诉中心。\n"
                + "4. 告知处理时限和下一步联系方式。", "owner", null);
        // closed: quality found the cause, the center answered, the customer accepted — so the 案卷 tab's 参考 of the
        // rice cooker below lists it under 相似的已结案投诉 (the text assistant learns closed complaints on retraining)
        String closed = accept("email", null, null, "钱女士", null, "qian@example.com", "product-quality", "智能电饭煲 X3",
                "电饭煲内胆涂层起皮脱落", "电饭煲买了不到一个月，内胆涂层起皮脱落，担心吃进去影响健康，要求换新。",
                null, false, null);
        complete(closed, "quality", Map.of("outcome", "propose",
                "proposal", "经检测为该批次内胆喷涂附着力不足，免费更换新内胆，上门取送", "compensation", 0,
                "rootCause", "manufacturing"));
        complete(closed, "center", Map.of("answer", "您好，经质量部检测，涂层脱落为该批次内胆的喷涂质量问题。我们将免费为您更换新内胆，"
                + "并安排上门取送，给您带来不便深表歉意。", "compensation", 0));
        complete(closed, "center", Map.of("customerDecision", "accept", "closureRootCause", "manufacturing",
                "responsibleDepartment", "quality", "preventable", "yes"));
        // waits for quality
        accept("hotline", null, null, "王先生", "13800138001", null, "product-quality", "智能电饭煲 X3",
                "电饭煲使用一周后内胆涂层脱落", "上周购买的电饭煲，用了一周内胆涂层就开始脱落，担心影响健康，要求换货。",
                null, false, null);
        // VIP billing: the center reviews it
        accept("wechat", "WX-20261120-0087", null, "李女士", "13900139002", null, "billing", "宽带套餐",
                "套餐到期后被自动续费并多扣费", "我的宽带套餐到期后没有通知就自动续费，还多扣了 199 元，要求退款。",
                new BigDecimal("199"), false, null, true);
        // regulator case: the center reviews, then quality and legal work on it
        String regulated = accept("regulator", "12315-2026-3301-000912", "12315", "赵先生", "13700137003", null,
                "product-quality", "空气净化器 A7", "净化器异响且售后拒绝维修",
                "消费者通过 12315 平台投诉：净化器购买三个月出现异响，售后以人为损坏为由拒绝保修。",
                new BigDecimal("1299"), false, null);
        complete(regulated, "center", Map.of("category", "product-quality", "grade", "G3",
                "departments", Variables.stringValue("quality,legal"), "reviewNote", "监管转办，法务协办"));
        // logistics proposed; the center answers the customer
        String delivery = accept("web", null, null, "孙女士", null, "sun@example.com", "delivery", "羽绒服",
                "快递显示签收但未收到包裹", "物流显示已签收，但我本人和家人都没有收到，快递员电话打不通。",
                null, false, null);
        complete(delivery, "logistics", Map.of("outcome", "propose", "proposal", "已核实为快递员误投，补发新件并赠送 20 元券",
                "compensation", 20, "rootCause", "logistics"));
        // resolved at first contact: the center confirms with the customer
        accept("hotline", null, null, "周先生", "13600136005", null, "after-sales", "扫地机器人",
                "不会预约上门安装", "询问如何预约上门安装。", null, true,
                "坐席已在电话中为客户预约本周六上午安装，并发送短信确认。");
        // a crisis: the customer threatens to go to the media
        accept("app", null, null, "吴女士", "13500135006", null, "safety", "电热水器 H9",
                "热水器漏电，孩子被电到，要找媒体曝光", "热水器漏电导致孩子手臂被电到，已去医院检查。厂家再不处理就找记者曝光并起诉。",
                new BigDecimal("20000"), false, null);
        assist.retrain();
        LOG.info("Demo complaints created");
    }

    private String accept(String channel, String ref, String regulator, String name, String phone, String email,
                          String category, String product, String subject, String description, BigDecimal amount,
                          boolean resolvedAtIntake, String resolution) {
        return accept(channel, ref, regulator, name, phone, email, category, product, subject, description, amount,
                resolvedAtIntake, resolution, false);
    }

    private String accept(String channel, String ref, String regulator, String name, String phone, String email,
                          String category, String product, String subject, String description, BigDecimal amount,
                          boolean resolvedAtIntake, String resolution, boolean vip) {
        var request = new ComplaintRequest(channel, ref, regulator, null,
                new CustomerRequest(name, phone, email, null, vip), category, product, subject, description, amount,
                null, resolvedAtIntake, resolution);
        String caseNumber = intake.accept(request, "agent").complaint().caseNumber();
        firstTasks(caseNumber);
        return caseNumber;
    }

    /**
     * Waits until the case's intake job has run, so its first task exists: the job executor runs it within moments
     * (a new job wakes its acquisition). Without an active job executor it is run here, as tests do.
     */
    private void firstTasks(String caseNumber) {
        JobExecutor executor = jobExecutor.getIfAvailable();
        if (executor == null || !executor.isActive()) {
            intakeJobs.runNow(caseNumber);
            return;
        }
        Instant until = Instant.now().plus(JOB_WAIT);
        while (!intakeJobs.pending(caseNumber).isEmpty()) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("the intake job of " + caseNumber + " has not run within " + JOB_WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + caseNumber, e);
            }
        }
    }

    private void complete(String caseNumber, String user, Map<String, Object> form) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).active().list().get(0);
        tasks.claim(task.getId(), user);
        tasks.complete(task.getId(), form);
    }
}
