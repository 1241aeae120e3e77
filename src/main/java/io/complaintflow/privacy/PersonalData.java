package io.complaintflow.privacy;

import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one place that says what in a complaint is personal and who sees it how. Structured fields: the customer's
 * name, phone, e-mail address and customer id. Free text — subject, description, the answer, proposals, reasons,
 * timeline entries, mails, survey reasons — may carry any pattern of {@link PersonalText} and the customer's name.
 * Groups in {@link PrivacySettings#fullViewGroups()} see it all; everyone else sees it masked.
 */
@Component
public class PersonalData {

    /** The complaint record's personal fields, as the API names them. */
    public enum Field {
        NAME("customer.name", "姓名"),
        PHONE("customer.phone", "电话"),
        EMAIL("customer.email", "电子邮箱"),
        CUSTOMER_ID("customer.customerId", "客户号"),
        FREE_TEXT("subject, description, resolution, departments[].proposal/transferReason, timeline[].summary/detail",
                "客户与经办人填写的文字");

        private final String path;
        private final String label;

        Field(String path, String label) {
            this.path = path;
            this.label = label;
        }

        public String path() {
            return path;
        }

        public String label() {
            return label;
        }
    }

    public enum Visibility { FULL, MASKED }

    private final PrivacySettings settings;

    public PersonalData(PrivacySettings settings) {
        this.settings = settings;
    }

    public List<Field> fields() {
        return List.of(Field.values());
    }

    public Visibility visibilityFor(Collection<String> groups) {
        return groups.stream().anyMatch(settings.fullViewGroups()::contains) ? Visibility.FULL : Visibility.MASKED;
    }
}
