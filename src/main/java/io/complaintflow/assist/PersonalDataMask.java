package io.complaintflow.assist;

/**
 * How another customer's words are hidden before text assistance shows them beside a case (the similar complaints in
 * the department and answer forms, which are process variables): the privacy catalogue's patterns and the customer's
 * own name. Implemented where personal data is defined (privacy/), so this package needs nothing of it.
 */
public interface PersonalDataMask {

    String mask(String text, String customerName);
}
