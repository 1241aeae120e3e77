package io.complaintflow.assist;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.TestSettings;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ZoneProperties;
import io.complaintflow.safety.SafetyScreening;
import io.complaintflow.safety.SafetySettings;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed model until enough closed complaints exist, the low-confidence flag, the grade floor, safety. */
class AssistServiceTest {

    private final List<LabelledComplaint> closed = new ArrayList<>();
    private final OwnerLists words = new OwnerLists(null, null, null) {
        @Override
        public Lists lists() {
            return new Lists(null, List.of(
                    new SensitiveWords.SensitiveWord(1, "起诉", SensitiveTopic.LAWSUIT, "system", Instant.EPOCH),
                    new SensitiveWords.SensitiveWord(2, "住院", SensitiveTopic.SAFETY, "system", Instant.EPOCH)),
                    List.of());
        }
    };
    private final SafetyScreening safety = new SafetyScreening(List::of, new SafetySettings(null));
    private final ClosedComplaints closedComplaints = new ClosedComplaints(null) {
        @Override
        public List<LabelledComplaint> recent(int limit) {
            return closed;
        }
    };
    private final AssistService assist = service(true);

    @Test
    void retrainingFollowsTheConfiguredCronInTheBusinessZone() {
        var tasks = new org.springframework.scheduling.config.ScheduledTaskRegistrar();
        new AssistService(closedComplaints, words, safety, new BusinessClock(TestSettings.bind(ZoneProperties.class)),
                TestSettings.bind(AssistProperties.class, "complaintflow.assist.retrain-cron=0 45 3 * * *"))
                .configureTasks(tasks);

        assertThat(tasks.getCronTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getExpression()).isEqualTo("0 45 3 * * *");
            // 03:45 in Shanghai (UTC+8) is 19:45 UTC the day before
            assertThat(task.getTrigger().nextExecution(new org.springframework.scheduling.support.SimpleTriggerContext(
                    java.time.Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), java.time.ZoneOffset.UTC))))
                    .isEqualTo(Instant.parse("2026-01-01T19:45:00Z"));
        });
    }

    @Test
    void theStartsTrainingRunsBesideReadinessAndASuggestionMeanwhileWaitsForIt() throws Exception {
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ClosedComplaints slow = new ClosedComplaints(null) {
            @Override
            public List<LabelledComplaint> recent(int limit) {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return closed;
            }
        };
        AssistService starting = new AssistService(slow, words, safety, new BusinessClock(TestSettings.bind(
                ZoneProperties.class)), TestSettings.bind(AssistProperties.class, "complaintflow.assist.seed=true"));

        starting.trainAtStartup(); // returns while the training reads the closed complaints
        assertThat(reading.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(starting.info().version()).isZero();
        var suggestion = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> starting.suggest("快递丢件", starting.detect("快递丢件")));
        Thread.sleep(200);
        assertThat(suggestion).isNotDone();

        release.countDown();
        assertThat(suggestion.get(30, java.util.concurrent.TimeUnit.SECONDS).source()).isEqualTo(Suggestion.SEED);
        assertThat(starting.info().version()).isEqualTo(1);
    }

    private AssistService service(boolean seed) {
        return new AssistService(closedComplaints, words, safety, new BusinessClock(TestSettings.bind(
                ZoneProperties.class)), TestSettings.bind(AssistProperties.class, "complaintflow.assist.seed=" + seed));
    }

    private static List<LabelledComplaint> closedComplaints(int n) throws IOException {
        List<LabelledComplaint> dev = ClassifierAccuracyTest.LabelledSet.tsv(ClassifierAccuracyTest.DEVELOPMENT);
        List<LabelledComplaint> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LabelledComplaint c = dev.get(i % dev.size());
            result.add(new LabelledComplaint("CMP-" + i, c.subject(), c.description(), c.category(), c.department(),
                    c.grade(), "已处理"));
        }
        return result;
    }

    @Test
    void aFreshInstallSuggestsFromTheSeedThenFromTheCompanysOwnComplaints() throws Exception {
        AssistService.ModelInfo fresh = assist.retrain();
        assertThat(fresh.source()).isEqualTo(Suggestion.SEED);
        assertThat(fresh.size()).isZero();
        assertThat(fresh.seedSize()).isEqualTo(SeedComplaints.all().size());
        String text = "快递显示已签收但我没有收到包裹";
        Suggestion s = assist.suggest(text, assist.detect(text));
        assertThat(s.source()).isEqualTo(Suggestion.SEED);
        assertThat(s.category().value()).isEqualTo("delivery");
        assertThat(s.department().value()).isEqualTo("logistics");
        assertThat(assist.similar(text, null, 3)).as("similar complaints are the company's closed ones").isEmpty();

        closed.addAll(closedComplaints(200));
        AssistService.ModelInfo trained = assist.retrain();
        assertThat(trained.source()).isEqualTo(Suggestion.MODEL);
        assertThat(trained.size()).isEqualTo(200);
        assertThat(trained.version()).isEqualTo(2);
        Suggestion after = assist.suggest(text, assist.detect(text));
        assertThat(after.source()).isEqualTo(Suggestion.MODEL);
        assertThat(after.modelVersion()).isEqualTo(2);
        assertThat(after.category().value()).isEqualTo("delivery");
        assertThat(assist.similar(text, null, 3)).isNotEmpty();
    }

    @Test
    void withoutSeedDataTheKeywordsAnswerUntilEnoughClosedComplaints() throws Exception {
        AssistService noSeed = service(false);
        assertThat(noSeed.retrain().source()).isEqualTo(Suggestion.KEYWORDS);
        closed.addAll(closedComplaints(150));
        assertThat(noSeed.retrain().source()).isEqualTo(Suggestion.KEYWORDS);
        String text = "快递显示已签收但我没有收到包裹";
        assertThat(noSeed.suggest(text, noSeed.detect(text)).source()).isEqualTo(Suggestion.KEYWORDS);
        closed.addAll(closedComplaints(50));
        assertThat(noSeed.retrain().source()).isEqualTo(Suggestion.MODEL);
    }

    @Test
    void aVagueTextIsFlaggedLowConfidenceAndSensitiveWordsLiftTheSuggestedGrade() {
        assist.retrain();
        String vague = "你好";
        Suggestion s = assist.suggest(vague, assist.detect(vague));
        assertThat(s.category().confidence()).isLessThan(0.6);
        assertThat(s.lowConfidence()).isTrue();
        assertThat(AssistService.suggestionText(s, assist.detect(vague))).contains("置信度低，仅供参考")
                .contains("人身安全信号：无");

        String lawsuit = "客服态度很差，我要起诉";
        SensitiveWords.Detection detection = assist.detect(lawsuit);
        assertThat(detection.topic()).isEqualTo(SensitiveTopic.LAWSUIT);
        assertThat(assist.suggest(lawsuit, detection).grade().value()).isEqualTo("G4");
        assertThat(AssistService.suggestionText(assist.suggest(lawsuit, detection), detection))
                .contains("敏感词：诉讼 — 起诉");
    }

    @Test
    void theSafetyDetectorRaisesAMildTopicToSafetyButNotAMoreSeriousOne() {
        assist.retrain();
        String burn = "燃气灶点火时突然爆燃，把我的手烧伤了";
        SensitiveWords.Detection detection = assist.detect(burn);
        assertThat(detection.topic()).isEqualTo(SensitiveTopic.SAFETY);
        assertThat(detection.words()).contains("爆燃", "烧伤");
        assertThat(assist.suggest(burn, detection).grade().value()).isEqualTo("G3");
        assertThat(AssistService.suggestionText(assist.suggest(burn, detection), detection))
                .contains("人身安全信号：人身伤害：烧伤；安全隐患：爆燃（至少 G3，须投诉中心复核）");

        String both = "燃气灶爆燃烧伤了手，我要起诉你们";
        SensitiveWords.Detection lawsuit = assist.detect(both);
        assertThat(lawsuit.topic()).as("a lawsuit outranks safety").isEqualTo(SensitiveTopic.LAWSUIT);
        assertThat(lawsuit.safety().flagged()).as("the safety evidence is still there").isTrue();

        SensitiveWords.Detection owners = assist.detect("出院以后还要复查，住院花了两万");
        assertThat(owners.topic()).isEqualTo(SensitiveTopic.SAFETY);
        assertThat(owners.words()).as("the owners' safety word and the detector's words, once each")
                .containsOnlyOnce("住院");
    }
}
