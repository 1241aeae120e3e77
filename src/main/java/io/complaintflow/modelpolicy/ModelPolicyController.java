package io.complaintflow.modelpolicy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the model policy refused in the folder's last publication, and a refused redeploy rendered as
 * problem+json naming each element and rule.
 */
@RestController
@RestControllerAdvice(basePackages = "io.complaintflow")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModelPolicyController {

    static final URI REFUSED = URI.create("https://complaintflow.io/problems/model-refused");

    private final ModelPolicyIssues issues;

    public ModelPolicyController(ModelPolicyIssues issues) {
        this.issues = issues;
    }

    @GetMapping("/api/models/policy-issues")
    public List<ModelPolicyIssues.Issue> policyIssues() {
        return issues.all();
    }

    @ExceptionHandler(ModelPolicyViolation.class)
    ProblemDetail refused(ModelPolicyViolation e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "模型未通过发布规则，未发布任何内容（" + e.violations().size() + " 处）");
        problem.setType(REFUSED);
        problem.setTitle("模型被拒绝 / model refused");
        problem.setProperty("errors", e.violations().stream().map(v -> Map.of(
                "field", v.resource() + (v.element() == null ? "" : "#" + v.element()),
                "resource", v.resource(), "element", v.element() == null ? "" : v.element(),
                "line", v.line(), "rule", v.rule().name(), "message", v.rule().text() + ": " + v.detail())).toList());
        return problem;
    }
}
