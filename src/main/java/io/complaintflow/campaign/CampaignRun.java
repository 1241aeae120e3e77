package io.complaintflow.campaign;

import java.time.Instant;
import java.time.LocalDate;

/** One year's 3·15 campaign as recorded; {@code periodFrom}–{@code periodTo} is the period its report covers. */
public record CampaignRun(long id, int year, String businessKey, String processInstanceId, String phase,
                          String startedBy, Instant startedAt, Instant phaseChangedAt, LocalDate periodFrom,
                          LocalDate periodTo, String reportCommentary, String reportApprovedBy,
                          Instant reportApprovedAt, Instant endedAt) {

    public String reportLink(String format) {
        return "/api/reports/period?from=" + periodFrom + "&to=" + periodTo + "&format=" + format;
    }
}
