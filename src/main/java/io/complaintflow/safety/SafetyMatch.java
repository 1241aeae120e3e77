package io.complaintflow.safety;

/**
 * One piece of evidence: a word or pattern match ({@code 水泡}), or a rule's two terms ({@code 烫+手}).
 *
 * @param kind {@code harm}, {@code hazard} or {@code medical}
 */
public record SafetyMatch(String kind, String evidence) {
}
