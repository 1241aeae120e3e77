package io.complaintflow.complaint;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Chinese labels of the codes a complaint carries (status, grade, channel, category, department, regulator), so
 * that pages reading {@code /api/complaints} — the Tasklist case file among them — show what the record says in the
 * words of the forms, without a copy of the vocabulary of their own.
 */
@RestController
class VocabularyController {

    @GetMapping("/api/complaints/vocabulary")
    public Map<String, Map<String, String>> vocabulary() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        all.put("status", labels(ComplaintStatus.class));
        all.put("grade", labels(Grade.class));
        all.put("channel", labels(Channel.class));
        all.put("category", labels(Category.class));
        all.put("department", labels(Department.class));
        all.put("regulator", labels(Regulator.class));
        return all;
    }

    private static <E extends Enum<E> & Coded> Map<String, String> labels(Class<E> type) {
        Map<String, String> labels = new LinkedHashMap<>();
        Arrays.stream(type.getEnumConstants()).forEach(e -> labels.put(e.code(), e.label()));
        return labels;
    }
}
