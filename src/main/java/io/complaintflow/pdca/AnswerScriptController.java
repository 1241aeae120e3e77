package io.complaintflow.pdca;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Coded;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Answer scripts / FAQ (投诉FAQ/脚本): read every version, publish a new one. */
@RestController
@RequestMapping("/api/answer-scripts")
class AnswerScriptController {

    private final AnswerScriptService scripts;

    public AnswerScriptController(AnswerScriptService scripts) {
        this.scripts = scripts;
    }

    public record ScriptRequest(String category, String title, String body) {
    }

    /** All versions, newest first; {@code current=true} keeps only the current version of each category. */
    @GetMapping
    public List<AnswerScript> list(@RequestParam(required = false) String category,
                                   @RequestParam(defaultValue = "false") boolean current) {
        if (category != null && Coded.parse(Category.class, category).isEmpty()) {
            throw new InvalidRequestException(List.of(new FieldError("category", "类别须为 " + Coded.codes(Category.class))));
        }
        List<AnswerScript> all = scripts.history(category);
        if (!current) {
            return all;
        }
        Map<String, AnswerScript> newest = new LinkedHashMap<>();
        all.forEach(s -> newest.putIfAbsent(s.category(), s));
        return List.copyOf(newest.values());
    }

    @PostMapping
    public ResponseEntity<AnswerScript> publish(@RequestBody ScriptRequest request, Principal principal) {
        AnswerScript script = scripts.publish(request.category(), request.title(), request.body(),
                RootCauseController.actor(principal), null);
        return ResponseEntity.status(HttpStatus.CREATED).body(script);
    }
}
