package io.complaintflow.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the safety detector found in a text.
 *
 * @param flagged    any safety or injury language: the complaint is graded at least G3 and reviewed
 * @param matches    the evidence, harm first
 * @param vulnerable children, elderly or pregnant people the text mentions (shown with the evidence)
 */
public record SafetySignal(boolean flagged, List<SafetyMatch> matches, List<String> vulnerable) {

    public static final SafetySignal NONE = new SafetySignal(false, List.of(), List.of());

    /** The matched words, as the timeline and the triage form show them. */
    public List<String> words() {
        List<String> words = new ArrayList<>();
        matches.forEach(m -> words.add(m.evidence()));
        return words;
    }

    /** 「人身伤害：烫+手、水泡；就医：送医院；涉及：孩子」, empty when nothing was found. */
    public String summary() {
        if (!flagged) {
            return "";
        }
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        matches.forEach(m -> byKind.computeIfAbsent(m.kind(), k -> new ArrayList<>()).add(m.evidence()));
        StringBuilder s = new StringBuilder();
        byKind.forEach((kind, words) -> s.append(s.isEmpty() ? "" : "；").append(SafetyKind.label(kind)).append("：")
                .append(String.join("、", words)));
        if (!vulnerable.isEmpty()) {
            s.append("；涉及：").append(String.join("、", vulnerable));
        }
        return s.toString();
    }
}
