package io.complaintflow.assist;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.safety.SafetyKind;
import io.complaintflow.safety.SafetyLexicon;
import io.complaintflow.safety.SafetyScreening;
import io.complaintflow.safety.SafetySignal;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The safety lexicon for process owners: what is in use, their own words (added and removed without a
 * deployment), and a check of a text against it.
 */
@RestController
@RequestMapping("/api/assist/safety-lexicon")
class SafetyLexiconController {

    private final SafetyScreening screening;
    private final SafetyTerms terms;
    private final BusinessClock clock;
    private final Actors actors;

    public SafetyLexiconController(SafetyScreening screening, SafetyTerms terms, BusinessClock clock, Actors actors) {
        this.screening = screening;
        this.terms = terms;
        this.clock = clock;
        this.actors = actors;
    }

    @GetMapping
    public LexiconView lexicon() {
        SafetyLexicon lexicon = screening.lexicon();
        Map<String, Integer> counts = new LinkedHashMap<>();
        SafetyKind.ALL.forEach(k -> counts.put(k, lexicon.terms(k).size()));
        counts.put(SafetyKind.EXCLUDE, lexicon.exclusions().size());
        return new LexiconView(counts, lexicon.patterns().size(),
                lexicon.rules().stream().map(SafetyLexicon.Rule::toString).toList(), screening.fileSource(),
                terms.all());
    }

    @PostMapping("/check")
    public SafetySignal check(@RequestBody(required = false) TextRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new InvalidRequestException(List.of(new FieldError("text", "不能为空")));
        }
        return screening.screen(request.text().length() > 4000 ? request.text().substring(0, 4000) : request.text());
    }

    @PostMapping
    public ResponseEntity<SafetyTerms.SafetyTerm> add(@RequestBody(required = false) TermRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String term = request == null || request.term() == null ? null
                : Normalizer.normalize(request.term(), Normalizer.Form.NFKC).toLowerCase().replaceAll("\\s+", "");
        String kind = request == null ? null : request.kind();
        boolean knownKind = kind != null && SafetyKind.known(kind);
        if (!knownKind) {
            errors.add(new FieldError("kind", "应为 " + String.join("、", SafetyKind.ALL) + " 之一"));
        }
        if (term == null || term.isEmpty()) {
            errors.add(new FieldError("term", "不能为空"));
        } else if (term.length() > 50) {
            errors.add(new FieldError("term", "最长 50 个字符"));
        } else if (knownKind && (screening.lexicon().terms(kind).contains(term) || terms.find(term, kind).isPresent())) {
            errors.add(new FieldError("term", "已在安全词库的 " + kind + " 中"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        SafetyTerms.SafetyTerm added = terms.add(term, kind, actors.current(), clock.now());
        return ResponseEntity.created(URI.create("/api/assist/safety-lexicon/" + added.id())).body(added);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable long id) {
        if (!terms.delete(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有安全词 " + id);
        }
        return ResponseEntity.noContent().build();
    }

    public record TextRequest(String text) {
    }

    public record TermRequest(String term, String kind) {
    }

    /**
     * @param terms    entries per kind in use (built-in, the deployer's file and the owners' words)
     * @param file     the deployer's lexicon file, if any
     * @param owners   the process owners' words, removable by id
     */
    public record LexiconView(Map<String, Integer> terms, int patterns, List<String> rules, String file,
                              List<SafetyTerms.SafetyTerm> owners) {
    }
}
