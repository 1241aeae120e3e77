package io.complaintflow.pdca;

import java.time.LocalDate;
import java.util.Optional;

/** The period a campaign review handed over to PDCA covers: the campaign feature knows its dates. */
public interface ReviewPeriods {

    Optional<ReviewPeriod> of(PdcaHandover handover);

    record ReviewPeriod(LocalDate from, LocalDate to) {
    }
}
