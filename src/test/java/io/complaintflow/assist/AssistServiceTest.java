package io.complaintflow.assist;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.complaint.BusinessClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Switching from keywords to the model at the threshold, the low-confidence flag and the grade floor. */
class AssistServiceTest {

    private final List<LabelledComplaint> closed = new ArrayList<>();
    private final SensitiveWords words = new SensitiveWords(null) {
        @Override
        public List<SensitiveWord> all() {
            return List.of(new SensitiveWord(1, "起诉", SensitiveTopic.LAWSUIT, "system", Instant.EPOCH),
                    new SensitiveWord(2, "住院", SensitiveTopic.SAFETY, "system", Instant.EPOCH));
        }
    };
    private final AssistService assist = new AssistService(new ClosedComplaints(null) {
        @Override
        public List<LabelledComplaint> recent(int limit) {
            return closed;
        }
    }, words, new BusinessClock("Asia/Shanghai"), 200, 0.6, 20000);

    @Test
    void keywordsUntilEnoughClosedComplaintsThenTheModel() throws Exception {
        List<LabelledComplaint> labelled = ClassifierAccuracyTest.LabelledSet.load();
        closed.addAll(labelled.subList(0, 150));
        assertThat(assist.retrain().source()).isEqualTo(Suggestion.KEYWORDS);
        String text = "快递显示已签收但我没有收到包裹";
        assertThat(assist.suggest(text, assist.detect(text)).source()).isEqualTo(Suggestion.KEYWORDS);
        assertThat(assist.similar(text, null, 3)).as("similar complaints need no threshold").isNotEmpty();

        closed.addAll(labelled.subList(150, labelled.size()));
        AssistService.ModelInfo info = assist.retrain();
        assertThat(info.source()).isEqualTo(Suggestion.MODEL);
        assertThat(info.size()).isEqualTo(labelled.size());
        assertThat(info.version()).isEqualTo(2);
        Suggestion s = assist.suggest(text, assist.detect(text));
        assertThat(s.source()).isEqualTo(Suggestion.MODEL);
        assertThat(s.modelVersion()).isEqualTo(2);
        assertThat(s.category().value()).isEqualTo("delivery");
        assertThat(s.department().value()).isEqualTo("logistics");
        assertThat(s.lowConfidence()).isFalse();
    }

    @Test
    void aVagueTextIsFlaggedLowConfidenceAndSensitiveWordsLiftTheSuggestedGrade() throws Exception {
        closed.addAll(ClassifierAccuracyTest.LabelledSet.load());
        assist.retrain();
        String vague = "你好";
        Suggestion s = assist.suggest(vague, assist.detect(vague));
        assertThat(s.category().confidence()).isLessThan(0.6);
        assertThat(s.lowConfidence()).isTrue();
        assertThat(AssistService.suggestionText(s, assist.detect(vague))).contains("置信度低，仅供参考");

        String lawsuit = "客服态度很差，我要起诉";
        SensitiveWords.Detection detection = assist.detect(lawsuit);
        assertThat(detection.topic()).isEqualTo(SensitiveTopic.LAWSUIT);
        assertThat(assist.suggest(lawsuit, detection).grade().value()).isEqualTo("G4");
        assertThat(AssistService.suggestionText(assist.suggest(lawsuit, detection), detection))
                .contains("敏感词：诉讼 — 起诉");
    }
}
