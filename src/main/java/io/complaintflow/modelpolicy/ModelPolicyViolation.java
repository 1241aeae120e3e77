package io.complaintflow.modelpolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;

/**
 * A deployment the model policy refused. A {@link ParseException}, so {@code /engine-rest/deployment/create}
 * answers 400 with the engine's usual per-resource report (message, line, element id for each violation).
 */
public class ModelPolicyViolation extends ParseException {

    private final List<Violation> violations;

    public ModelPolicyViolation(List<Violation> violations) {
        super("模型未通过发布规则 / model refused by the model policy: " + violations.stream().map(Violation::message)
                .collect(Collectors.joining("; ")), violations.get(0).resource(), problems(violations), List.of());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public List<ResourceReport> getResorceReports() {
        Map<String, List<Violation>> byResource = new LinkedHashMap<>();
        violations.forEach(v -> byResource.computeIfAbsent(v.resource(), r -> new ArrayList<>()).add(v));
        List<ResourceReport> reports = new ArrayList<>();
        byResource.forEach((resource, list) -> reports.add(new Report(resource, problems(list))));
        return reports;
    }

    private static List<Problem> problems(List<Violation> violations) {
        return violations.stream().map(v -> (Problem) new ViolationProblem(v)).toList();
    }

    private record Report(String getResourceName, List<Problem> getErrors) implements ResourceReport {
        @Override
        public List<Problem> getWarnings() {
            return List.of();
        }
    }

    private record ViolationProblem(Violation violation) implements Problem {
        @Override
        public String getMessage() {
            return violation.rule().name() + ": " + violation.rule().text() + ": " + violation.detail();
        }

        @Override
        public int getLine() {
            return violation.line();
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return violation.element();
        }

        @Override
        public List<String> getElementIds() {
            return violation.element() == null ? List.of() : List.of(violation.element());
        }
    }
}
