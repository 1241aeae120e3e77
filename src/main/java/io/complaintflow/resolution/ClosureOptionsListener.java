package io.complaintflow.resolution;

import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On the creation of a task that closes the complaint (确认客户意见, 投诉经理接管): the root-cause options its form's
 * select lists, as the taxonomy is now — written only when they changed since the process last held them.
 */
@PublishedForModels
@Component("closureOptions")
class ClosureOptionsListener implements TaskListener {

    private final CaseFileAdapter caseFile;

    ClosureOptionsListener(CaseFileAdapter caseFile) {
        this.caseFile = caseFile;
    }

    @Override
    public void notify(DelegateTask task) {
        caseFile.options(task);
    }
}
