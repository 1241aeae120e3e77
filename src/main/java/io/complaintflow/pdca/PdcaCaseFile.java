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
 * What PDCA adds to every task form of a complaint's lifecycle: the current answer script of its category (read-only)
 * and the root-cause taxonomy as the options of the closure's root-cause field; to the 案卷 tab: the script.
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
        return Map.of(SCRIPT, CaseFileVariables.fit(script(complaint)), ROOT_CAUSE_OPTIONS, rootCauseOptions());
    }

    /** The department's form refers to the script in the 案卷 tab: read there, not copied into its part. */
    @Override
    public Map<String, String> reference(Complaint complaint) {
        return Map.of(SCRIPT, script(complaint));
    }

    private String script(Complaint complaint) {
        return scripts.current(Coded.codeOf(complaint.category())).map(AnswerScript::text).orElse("本类别暂无应答口径");
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
