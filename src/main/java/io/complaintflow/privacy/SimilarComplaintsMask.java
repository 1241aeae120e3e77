package io.complaintflow.privacy;

import io.complaintflow.assist.PersonalDataMask;
import org.springframework.stereotype.Component;

/**
 * Text assistance shows similar closed complaints in another customer's forms (a process variable of that case): their
 * subjects and answers masked as a department sees them ({@link ComplaintMasking#text}), for every reader — so no
 * customer's data lands in the engine rows of someone else's case, out of reach of their erasure.
 */
@Component
class SimilarComplaintsMask implements PersonalDataMask {

    @Override
    public String mask(String text, String customerName) {
        return ComplaintMasking.text(text, customerName);
    }
}
