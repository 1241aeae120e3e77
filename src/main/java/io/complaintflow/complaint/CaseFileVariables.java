package io.complaintflow.complaint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The few variables a complaint's task forms decide with or refer to — what the {@link CaseFileContributor}s add,
 * e.g. the answer script of its category and the root-cause options of the closure — and nothing of the case itself;
 * {@link CaseFileAdapter} writes them into the scope a step runs in.
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

    /** The variables a new process or task of the case starts with. */
    public Map<String, Object> render(String caseNumber) {
        Complaint c = complaints.find(caseNumber).orElseThrow();
        Map<String, Object> view = new HashMap<>();
        contributors.forEach(contributor -> view.putAll(contributor.variables(c)));
        return view;
    }

    /** The engine keeps string variables up to 4000 characters; the full text stays in the record and the API. */
    public static String fit(String text) {
        int max = 4000;
        String cut = "\n……（内容过长，已截断；完整内容见工单详情）";
        return text.length() <= max ? text : text.substring(0, max - cut.length()) + cut;
    }
}
