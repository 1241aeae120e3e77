package io.complaintflow.pdca;

import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The root-cause taxonomy for process owners: list, add, change (retire with {@code active: false}). */
@RestController
@RequestMapping("/api/root-causes")
class RootCauseController {

    private final RootCauses causes;

    public RootCauseController(RootCauses causes) {
        this.causes = causes;
    }

    public record RootCauseRequest(String code, String label, String description, Boolean active, Integer sortOrder) {
    }

    @GetMapping
    public List<RootCause> list(@RequestParam(defaultValue = "false") boolean includeRetired) {
        return includeRetired ? causes.all() : causes.active();
    }

    @PostMapping
    public ResponseEntity<RootCause> add(@RequestBody RootCauseRequest request, Principal principal) {
        List<FieldError> errors = validate(request);
        String code = request.code() == null ? null : request.code().strip();
        if (code == null || !code.matches("[a-z][a-z0-9-]{1,49}")) {
            errors.add(new FieldError("code", "代码须为 2–50 位小写字母、数字或连字符，以字母开头"));
        } else if (causes.find(code).isPresent()) {
            errors.add(new FieldError("code", "代码 " + code + " 已存在"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        causes.insert(code, request.label().strip(), request.description(), request.active() == null || request.active(),
                request.sortOrder() == null ? 1000 : request.sortOrder(), actor(principal));
        return ResponseEntity.status(HttpStatus.CREATED).body(causes.find(code).orElseThrow());
    }

    @PutMapping("/{code}")
    public RootCause change(@PathVariable String code, @RequestBody RootCauseRequest request, Principal principal) {
        RootCause existing = causes.find(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有根本原因 " + code));
        List<FieldError> errors = validate(request);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        causes.update(code, request.label().strip(), request.description(),
                request.active() == null ? existing.active() : request.active(),
                request.sortOrder() == null ? existing.sortOrder() : request.sortOrder(), actor(principal));
        return causes.find(code).orElseThrow();
    }

    private static List<FieldError> validate(RootCauseRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.label() == null || request.label().isBlank()) {
            errors.add(new FieldError("label", "名称为必填项"));
        } else if (request.label().strip().length() > 100) {
            errors.add(new FieldError("label", "名称最长 100 字"));
        }
        if (request.description() != null && request.description().length() > 500) {
            errors.add(new FieldError("description", "说明最长 500 字"));
        }
        return errors;
    }

    static String actor(Principal principal) {
        return principal == null ? "system" : principal.getName();
    }
}
