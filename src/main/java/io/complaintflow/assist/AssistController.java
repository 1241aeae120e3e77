package io.complaintflow.assist;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.report.Period;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Text assistance for process owners and managers: the model, retraining, the acceptance of suggestions and the
 * sensitive-word list. {@code from}/{@code to} as in the reports: days in the business time zone, {@code to}
 * inclusive, default the last 30 days.
 */
@RestController
@RequestMapping("/api/assist")
class AssistController {

    private final AssistService assist;
    private final SuggestionOutcomes outcomes;
    private final SensitiveWords words;
    private final BusinessClock clock;
    private final Actors actors;

    public AssistController(AssistService assist, SuggestionOutcomes outcomes, SensitiveWords words,
                            BusinessClock clock, Actors actors) {
        this.assist = assist;
        this.outcomes = outcomes;
        this.words = words;
        this.clock = clock;
        this.actors = actors;
    }

    @GetMapping("/model")
    public AssistService.ModelInfo model() {
        return assist.info();
    }

    @PostMapping("/retrain")
    public AssistService.ModelInfo retrain() {
        return assist.retrain();
    }

    /** Try the assistance on a text without filing a complaint. */
    @PostMapping("/suggest")
    public SuggestAnswer suggest(@RequestBody TextRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new InvalidRequestException(List.of(new FieldError("text", "不能为空")));
        }
        String text = request.text().length() > AssistService.MAX_TEXT
                ? request.text().substring(0, AssistService.MAX_TEXT) : request.text();
        SensitiveWords.Detection detection = assist.detect(text);
        return new SuggestAnswer(assist.suggest(text, detection), detection,
                assist.similar(text, null, 5).stream().map(s -> new SimilarRow(s.complaint().caseNumber(),
                        s.complaint().category(), s.complaint().subject(), s.complaint().resolution(), s.score()))
                        .toList());
    }

    @GetMapping("/acceptance")
    public SuggestionOutcomes.Acceptance acceptance(@RequestParam(required = false) String from,
                                                    @RequestParam(required = false) String to) {
        Period period = Period.parse(from, to, LocalDate.ofInstant(clock.now(), clock.zone()), clock.zone());
        return outcomes.acceptance(period.from(), period.to());
    }

    @GetMapping("/sensitive-words")
    public List<SensitiveWords.SensitiveWord> sensitiveWords() {
        return words.all();
    }

    @PostMapping("/sensitive-words")
    public ResponseEntity<SensitiveWords.SensitiveWord> addSensitiveWord(@RequestBody WordRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String word = request == null || request.word() == null ? null : request.word().strip().replace(" ", "");
        String topic = request == null ? null : request.topic();
        if (word == null || word.isEmpty()) {
            errors.add(new FieldError("word", "不能为空"));
        } else if (word.length() > 50) {
            errors.add(new FieldError("word", "最长 50 个字符"));
        } else if (words.find(word).isPresent()) {
            errors.add(new FieldError("word", "已在敏感词表中"));
        }
        if (topic == null || !SensitiveTopic.known(topic)) {
            errors.add(new FieldError("topic", "应为 " + String.join("、", SensitiveTopic.BY_SEVERITY) + " 之一"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        SensitiveWords.SensitiveWord added = words.add(word, topic, actors.current(), clock.now());
        return ResponseEntity.created(URI.create("/api/assist/sensitive-words/" + added.id())).body(added);
    }

    @DeleteMapping("/sensitive-words/{id}")
    public ResponseEntity<Void> deleteSensitiveWord(@PathVariable long id) {
        if (!words.delete(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有敏感词 " + id);
        }
        return ResponseEntity.noContent().build();
    }

    public record TextRequest(String text) {
    }

    public record WordRequest(String word, String topic) {
    }

    public record SimilarRow(String caseNumber, String category, String subject, String resolution, double score) {
    }

    public record SuggestAnswer(Suggestion suggestion, SensitiveWords.Detection sensitive, List<SimilarRow> similar) {
    }
}
