package io.complaintflow.assist;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import io.complaintflow.complaint.Grade;
import io.complaintflow.safety.SafetyScreening;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Service;

/**
 * Text assistance: suggests category, lead department and grade from a complaint's words, finds similar closed
 * complaints and reads the sensitive-word topic and the safety signal. The model lives in memory on each node and
 * is rebuilt from the shipped seed complaints plus the closed complaints at start-up, on the cron
 * {@code complaintflow.assist.retrain-cron} and on demand. Similar complaints come from the closed ones only.
 */
@Service
public class AssistService implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AssistService.class);
    static final int MAX_TEXT = 4000;

    private final ClosedComplaints closed;
    private final OwnerLists lists;
    private final SafetyScreening safety;
    private final BusinessClock clock;
    private final int minTraining;
    private final double minConfidence;
    private final int maxTraining;
    private final boolean seed;
    private final String retrainCron;
    private final AtomicReference<TextModel> model = new AtomicReference<>();
    private final AtomicReference<TextModel> closedModel = new AtomicReference<>();
    private final AtomicReference<ModelInfo> info;
    private static final Duration FIRST_TRAINING_WAIT = Duration.ofSeconds(30);
    private volatile CountDownLatch firstTraining;

    public AssistService(ClosedComplaints closed, OwnerLists lists, SafetyScreening safety, BusinessClock clock,
                         AssistProperties settings) {
        this.closed = closed;
        this.lists = lists;
        this.safety = safety;
        this.clock = clock;
        this.minTraining = settings.minTraining();
        this.minConfidence = settings.minConfidence();
        this.maxTraining = settings.maxTraining();
        this.seed = settings.seed();
        this.retrainCron = settings.retrainCron();
        this.info = new AtomicReference<>(new ModelInfo(Suggestion.KEYWORDS, 0, 0, 0, null, minTraining,
                minConfidence));
    }

    /**
     * The start's training runs beside the node's readiness instead of before it (49 of a restart's 850 main-thread
     * JFR samples, bench/README.md): a suggestion asked for meanwhile waits for it, so none comes from the keyword
     * baseline because the node has just started.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void trainAtStartup() {
        CountDownLatch trained = new CountDownLatch(1);
        firstTraining = trained;
        Thread training = new Thread(() -> {
            try {
                retrain();
            } catch (RuntimeException e) {
                log.warn("Text assistance not trained at start-up (keyword baseline until the next retraining)", e);
            } finally {
                trained.countDown();
            }
        }, "assist-training");
        training.setDaemon(true);
        training.start();
    }

    /** Waits for the start's training if it still runs (bounded: a training that hangs leaves the baseline). */
    public void awaitFirstTraining() {
        CountDownLatch trained = firstTraining;
        if (trained != null && trained.getCount() > 0) {
            try {
                trained.await(FIRST_TRAINING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addCronTask(new CronTask(this::retrainOnSchedule, new CronTrigger(retrainCron, clock.zone())));
    }

    public void retrainOnSchedule() {
        retrain();
    }

    /**
     * Rebuilds the model from the seed complaints and the closed ones. Source {@code seed} while fewer than
     * {@code min-training} closed complaints exist, {@code model} from then on; without seed data
     * ({@code complaintflow.assist.seed=false}) the keyword baseline answers until {@code min-training}.
     */
    public synchronized ModelInfo retrain() {
        List<LabelledComplaint> complaints = closed.recent(maxTraining);
        List<LabelledComplaint> seedComplaints = seed ? SeedComplaints.all() : List.of();
        long version = info.get().version() + 1;
        Instant now = clock.now();
        List<LabelledComplaint> training = new java.util.ArrayList<>(seedComplaints);
        training.addAll(complaints);
        model.set(training.isEmpty() ? null : TextModel.train(training, version, now));
        closedModel.set(complaints.isEmpty() ? null : TextModel.train(complaints, version, now));
        String source = complaints.size() >= minTraining ? Suggestion.MODEL
                : seed ? Suggestion.SEED : Suggestion.KEYWORDS;
        ModelInfo next = new ModelInfo(source, version, complaints.size(), seedComplaints.size(), now, minTraining,
                minConfidence);
        info.set(next);
        log.info("Text assistance retrained: version {}, {} closed and {} seed complaints, suggestions from {}",
                version, complaints.size(), seedComplaints.size(), source);
        return next;
    }

    public ModelInfo info() {
        return info.get();
    }

    /**
     * The owners' sensitive words and the safety detector: a safety signal raises a milder topic to safety. Both
     * lists of one check of their stamp.
     */
    public SensitiveWords.Detection detect(String text) {
        OwnerLists.Lists owners = lists.lists();
        return SensitiveWords.detect(text, owners.words()).with(safety.screen(text, owners.terms()));
    }

    public Suggestion suggest(String text, SensitiveWords.Detection detection) {
        awaitFirstTraining();
        TextModel current = model.get();
        Suggestion s = !Suggestion.KEYWORDS.equals(info.get().source()) && current != null
                ? withGradeFloor(current.suggest(text).withSource(info.get().source()), detection.topic())
                : KeywordBaseline.suggest(text, detection.topic());
        return s.withThreshold(minConfidence);
    }

    /** The sensitive-word topic lifts the suggested grade the way complaint-grading lifts the real one. */
    static Suggestion withGradeFloor(Suggestion s, String topic) {
        String floor = switch (topic) {
            case SensitiveTopic.MEDIA, SensitiveTopic.LAWSUIT, SensitiveTopic.MASS -> "G4";
            case SensitiveTopic.REGULATOR, SensitiveTopic.SAFETY -> "G3";
            default -> "G1";
        };
        if (s.grade().value().compareTo(floor) >= 0) {
            return s;
        }
        return new Suggestion(s.category(), s.department(), new Guess(floor, 1.0), s.source(), s.modelVersion(),
                s.lowConfidence());
    }

    public List<TextModel.SimilarComplaint> similar(String text, String excludeCaseNumber, int limit) {
        awaitFirstTraining();
        TextModel current = closedModel.get();
        if (current == null || text == null || text.isBlank()) {
            return List.of();
        }
        return current.similar(text, limit + 1, 0.15).stream()
                .filter(s -> !s.complaint().caseNumber().equals(excludeCaseNumber))
                .limit(limit).toList();
    }

    /** The triage form's read-only text: the suggestion and the sensitive words found. */
    public static String suggestionText(Suggestion s, SensitiveWords.Detection detection) {
        return suggestionText(s, detection, detection.safety().summary());
    }

    /** @param safetyEvidence the safety detector's summary, empty when it found nothing */
    public static String suggestionText(Suggestion s, SensitiveWords.Detection detection, String safetyEvidence) {
        StringBuilder t = new StringBuilder();
        t.append(switch (s.source()) {
            case Suggestion.MODEL -> "来源：历史结案投诉训练的模型（版本 " + s.modelVersion() + "）";
            case Suggestion.SEED -> "来源：随系统提供的标注投诉训练的模型（版本 " + s.modelVersion() + "，已结案投诉尚少）";
            default -> "来源：关键词（已结案投诉不足，尚未启用模型）";
        }).append('\n');
        t.append("建议类别：").append(Coded.labelOf(Category.class, s.category().value()))
                .append("（置信度 ").append(percent(s.category().confidence())).append("）\n");
        t.append("建议牵头部门：").append(Coded.labelOf(Department.class, s.department().value()))
                .append("（置信度 ").append(percent(s.department().confidence())).append("）\n");
        t.append("建议等级：").append(s.grade().value()).append(' ')
                .append(Coded.labelOf(Grade.class, s.grade().value()))
                .append("（置信度 ").append(percent(s.grade().confidence())).append("）\n");
        t.append("敏感词：").append(detection.words().isEmpty() ? "无"
                : SensitiveTopic.label(detection.topic()) + " — " + String.join("、", detection.words())).append('\n');
        t.append("人身安全信号：").append(safetyEvidence == null || safetyEvidence.isEmpty() ? "无"
                : safetyEvidence + "（至少 G3，须投诉中心复核）").append('\n');
        t.append(s.lowConfidence()
                ? "置信度低，仅供参考，请按投诉内容自行判断。"
                : "建议仅供参考，以复核人员的选择为准。");
        return fit(t.toString());
    }

    /**
     * The department and answer forms' read-only text: how similar cases were solved, each complaint's words masked:
     * the text becomes a process variable of another customer's case, so
     * it carries the similar complaints' case numbers (references), subjects and answers without their personal data —
     * never their descriptions.
     */
    public static String similarText(List<TextModel.SimilarComplaint> similar, PersonalDataMask mask) {
        if (similar.isEmpty()) {
            return "暂无相似的已结案投诉。";
        }
        StringBuilder t = new StringBuilder();
        int i = 1;
        for (TextModel.SimilarComplaint s : similar) {
            LabelledComplaint c = s.complaint();
            t.append(i++).append(". ").append(c.caseNumber()).append("  ")
                    .append(Coded.labelOf(Category.class, c.category())).append(" · ").append(c.grade())
                    .append(" · 相似度 ").append(percent(s.score())).append('\n');
            t.append("   主题：").append(c.subject() == null ? "（无主题）"
                    : shorten(mask.mask(c.subject(), c.customerName()), 80)).append('\n');
            t.append("   处理结果：").append(c.resolution() == null ? "—"
                    : shorten(mask.mask(c.resolution(), c.customerName()), 400)).append('\n');
        }
        return fit(t.toString());
    }

    private static String percent(double confidence) {
        return Math.round(confidence * 100) + "%";
    }

    private static String shorten(String text, int max) {
        if (text == null) {
            return "—";
        }
        String oneLine = text.replace('\n', ' ').strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }

    static String fit(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    /**
     * @param source     where suggestions come from now: {@code model} (seed and at least {@code min-training}
     *                   closed complaints), {@code seed} (seed and fewer closed ones) or {@code keywords}
     * @param version    counts retrainings on this node since start-up
     * @param size       closed complaints in the last training
     * @param seedSize   shipped seed complaints in the last training
     */
    public record ModelInfo(String source, long version, int size, int seedSize, Instant trainedAt, int minTraining,
                            double minConfidence) {
    }
}
