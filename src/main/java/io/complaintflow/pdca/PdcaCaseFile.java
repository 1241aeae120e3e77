package io.complaintflow.pdca;

import io.complaintflow.complaint.CaseFileContributor;
import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Complaint;
import java.util.Map;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * What PDCA adds to every task form of a complaint: the current answer script of its category (read-only) and the
 * root-cause taxonomy as the options of the closure's root-cause field.
 */
@Component
public class PdcaCaseFile implements CaseFileContributor {

    public static final String SCRIPT = "answerScript";
    public static final String ROOT_CAUSE_OPTIONS = "rootCauseOptions";

    private final AnswerScripts scripts;
    private final RootCauses causes;

    public PdcaCaseFile(AnswerScripts scripts, RootCauses causes) {
        this.scripts = scripts;
        this.causes = causes;
    }

    @Override
    public Map<String, Object> variables(Complaint complaint) {
        String script = scripts.current(Coded.codeOf(complaint.category())).map(AnswerScript::text).orElse("本类别暂无应答口径");
        return Map.of(SCRIPT, CaseFileVariables.fit(script), ROOT_CAUSE_OPTIONS, rootCauseOptions());
    }

    /** The options of a Camunda Forms select ({@code valuesKey}): [{label, value}, …] of the active causes. */
    public Object rootCauseOptions() {
        SpinJsonNode options = Spin.JSON("[]");
        for (RootCause cause : causes.active()) {
            SpinJsonNode option = Spin.JSON("{}");
            option.prop("label", cause.label());
            option.prop("value", cause.code());
            options.append(option);
        }
        return SpinValues.jsonValue(options).create();
    }
}
