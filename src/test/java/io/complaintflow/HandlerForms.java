package io.complaintflow;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What handlers submit in the forms of a complaint's main tasks, as Tasklist sends it: the one place tests and the
 * benchmark take these values from. The form guard checks every submission against the deployed form, so a form
 * that gains a required field or loses an option fails the tests that use these values, and the benchmark, which
 * is compiled with the tests, follows the fix.
 */
public final class HandlerForms {

    /** The department's task (each department involved gets one). */
    public static final String DEPARTMENT_TASK = "Task_HandleComplaint";
    /** The complaint center answers the customer. */
    public static final String ANSWER_TASK = "Task_AnswerCustomer";
    /** The center confirms the answer with the customer; accepting closes the complaint. */
    public static final String CONFIRM_TASK = "Task_ConfirmWithCustomer";

    private HandlerForms() {
    }

    /** The department proposes how to resolve it: the proposal, compensation in yuan and the root cause's code. */
    public static Map<String, Object> proposal(String proposal, long compensation, String rootCause) {
        return ordered("outcome", "propose", "proposal", proposal, "compensation", compensation,
                "rootCause", rootCause);
    }

    /** The department sends it back: not its complaint, with the reason. */
    public static Map<String, Object> notOurs(String reason) {
        return ordered("outcome", "not-ours", "transferReason", reason);
    }

    /** The center's answer to the customer and the compensation it offers. */
    public static Map<String, Object> answer(String answer, long compensation) {
        return ordered("answer", answer, "compensation", compensation);
    }

    /** The customer accepts: the complaint closes with its cause (PDCA): root cause, responsible department. */
    public static Map<String, Object> customerAccepts(String rootCause, String responsibleDepartment) {
        return closing(Map.of("customerDecision", "accept"), rootCause, responsibleDepartment);
    }

    /** What closing needs besides {@code values}: root cause, responsible department, whether it was preventable. */
    public static Map<String, Object> closing(Map<String, Object> values, String rootCause,
                                              String responsibleDepartment) {
        Map<String, Object> all = new HashMap<>(Map.of("closureRootCause", rootCause,
                "responsibleDepartment", responsibleDepartment, "preventable", "yes"));
        all.putAll(values);
        return all;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }
}
