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
 * What PDCA adds beside a complaint: to the 案卷 tab the current answer script of its category; to the closure's forms
 * the root-cause taxonomy as the options of their root-cause field. Forms deployed before the 参考 section showed the
 * script as a variable ({@link #copies}).
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
    public Map<String, Object> copies(Complaint complaint) {
        return Map.of(SCRIPT, CaseFileVariables.fit(script(complaint)));
    }

    @Override
    public Map<String, Object> options() {
        return Map.of(ROOT_CAUSE_OPTIONS, rootCauseOptions());
    }

    /** The handlers' forms refer to the script in the 案卷 tab: read there, not copied into their processes. */
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
