package io.complaintflow.pdca;

import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Coded;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes answer-script versions (by API or by PDCA's Act step) and puts the new current text into the running
 * complaints of that category, so the handlers' forms show it from their next task on.
 */
@Service
public class AnswerScriptService {

    static final int MAX_BODY = 3000;

    private final AnswerScripts scripts;
    private final RuntimeService runtime;

    public AnswerScriptService(AnswerScripts scripts, RuntimeService runtime) {
        this.scripts = scripts;
        this.runtime = runtime;
    }

    public List<AnswerScript> history(String category) {
        return scripts.history(category);
    }

    @Transactional
    public AnswerScript publish(String category, String title, String body, String actor, Long sourceCycleId) {
        List<FieldError> errors = new ArrayList<>();
        if (category == null || Coded.parse(Category.class, category).isEmpty()) {
            errors.add(new FieldError("category", "类别须为 " + Coded.codes(Category.class)));
        }
        if (title == null || title.isBlank()) {
            errors.add(new FieldError("title", "标题为必填项"));
        } else if (title.strip().length() > 200) {
            errors.add(new FieldError("title", "标题最长 200 字"));
        }
        if (body == null || body.isBlank()) {
            errors.add(new FieldError("body", "内容为必填项"));
        } else if (body.strip().length() > MAX_BODY) {
            errors.add(new FieldError("body", "内容最长 " + MAX_BODY + " 字"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        AnswerScript script = scripts.publish(category, title.strip(), body.strip(), actor, sourceCycleId);
        for (ProcessInstance lifecycle : runtime.createProcessInstanceQuery().processDefinitionKey("complaint-handling")
                .variableValueEquals("category", category).list()) {
            // the lifecycle and those of its department parts that hold a copy (generation 2; later ones read the
            // script from the record in the case-file tab)
            for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(lifecycle.getBusinessKey())
                    .processDefinitionKeyIn("complaint-handling", "department-handling")
                    .variableValueLike(PdcaCaseFile.SCRIPT, "%").list()) {
                runtime.setVariable(instance.getId(), PdcaCaseFile.SCRIPT, CaseFileVariables.fit(script.text()));
            }
        }
        return script;
    }
}
