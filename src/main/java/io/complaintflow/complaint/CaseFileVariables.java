package io.complaintflow.complaint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The few variables a complaint's task forms decide with — what the {@link CaseFileContributor}s add, e.g. the
 * root-cause options of the closure — and nothing of the case itself; {@link CaseFileAdapter} writes them into the
 * scope a step runs in. The answer script and similar complaints are read in the 案卷 tab's 参考 section; forms deployed
 * before it still show a copy ({@link #render}).
 * The complaint and its timeline are read from the record by the Tasklist tab 案卷 ({@code /api/complaints}), never
 * copied into the engine: no customer name, phone or e-mail address in variables or history.
 * <p>
 * {@link #SUMMARY} and {@link #TIMELINE} are the names of the case view that was copied into every process of the case
 * before; {@link RetiredCaseView} replaces what running instances still hold. A crisis of a mass incident still shows
 * the incident (no single customer's case) under these names.
 */
@Component
public class CaseFileVariables {

    public static final String SUMMARY = "complaintSummary";
    public static final String TIMELINE = "timelineText";

    private final ComplaintRepository complaints;
    private final List<CaseFileContributor> contributors;

    public CaseFileVariables(ComplaintRepository complaints, List<CaseFileContributor> contributors) {
        this.complaints = complaints;
        this.contributors = contributors;
    }

    /** The variables of the forms deployed before the 参考 section: the copies they show and the options. */
    public Map<String, Object> render(String caseNumber) {
        Complaint c = complaints.find(caseNumber).orElseThrow();
        Map<String, Object> view = new HashMap<>(options());
        contributors.forEach(contributor -> view.putAll(contributor.copies(c)));
        return view;
    }

    /** What a form decides with: the same for every complaint, no read of the case. */
    public Map<String, Object> options() {
        Map<String, Object> options = new HashMap<>();
        contributors.forEach(contributor -> options.putAll(contributor.options()));
        return options;
    }

    /** The engine keeps string variables up to 4000 characters; the full text stays in the record and the API. */
    public static String fit(String text) {
        int max = 4000;
        String cut = "\n……（内容过长，已截断；完整内容见工单详情）";
        return text.length() <= max ? text : text.substring(0, max - cut.length()) + cut;
    }
}
