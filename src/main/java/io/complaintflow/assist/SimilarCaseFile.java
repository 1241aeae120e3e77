package io.complaintflow.assist;

import io.complaintflow.complaint.CaseFileContributor;
import io.complaintflow.complaint.Complaint;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What text assistance shows in the 案卷 tab: how similar closed complaints were solved (masked), found when the tab opens — no process
 * holds a copy of it (issue #19; intake copied it into the lifecycle for the center's answer form before).
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
    public Map<String, String> reference(Complaint complaint) {
        return Map.of(TextAssistance.SIMILAR_TEXT, AssistService.similarText(
                assist.similar(complaint.text(), complaint.caseNumber(), similarCount), mask));
    }
}
