package io.complaintflow.formguard;

import java.util.Map;

/** A handler completing a task: who, which task of which case, with which values. */
public record TaskSubmission(String taskId, String taskDefinitionKey, String processInstanceId, String caseNumber,
                             String userId, Map<String, Object> values) {
}
