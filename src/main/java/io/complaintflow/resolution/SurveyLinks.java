package io.complaintflow.resolution;

/** The satisfaction survey's link for the closing mail (the callback feature issues it). */
public interface SurveyLinks {

    /** A fresh link; earlier unused links of the case stop working. */
    String issueLink(String caseNumber);
}
