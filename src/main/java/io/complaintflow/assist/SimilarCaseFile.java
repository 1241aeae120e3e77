package io.complaintflow.assist;

import io.complaintflow.complaint.CaseFileContributor;
import io.complaintflow.complaint.Complaint;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What text assistance shows in the 案卷 tab: how similar closed complaints were solved (masked, as intake's copy for the
 * center's answer form), found when the tab opens — a department part holds no copy of it (issue #19).
 */
@Component
class SimilarCaseFile implements CaseFileContributor {

    private final AssistService assist;
    private final PersonalDataMask mask;
    private final int similarCount;

    SimilarCaseFile(AssistService assist, PersonalDataMask mask, AssistProperties settings) {
        this.assist = assist;
        this.mask = mask;
        this.similarCount = settings.similarCount();
    }

    @Override
    public Map<String, Object> variables(Complaint complaint) {
        return Map.of();
    }

    @Override
    public Map<String, String> reference(Complaint complaint) {
        return Map.of(TextAssistance.SIMILAR_TEXT, AssistService.similarText(
                assist.similar(complaint.text(), complaint.caseNumber(), similarCount), mask));
    }
}
