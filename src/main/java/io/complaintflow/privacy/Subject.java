package io.complaintflow.privacy;

import io.complaintflow.security.Masking;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer an access or deletion request is about, named by exactly one of: phone (compared by its digits,
 * with or without {@code +86}), e-mail address (case-insensitive), the company's customer id.
 */
public record Subject(String phone, String email, String customerId) {

    public static Subject of(String phone, String email, String customerId) {
        List<FieldError> errors = new ArrayList<>();
        int given = (blank(phone) ? 0 : 1) + (blank(email) ? 0 : 1) + (blank(customerId) ? 0 : 1);
        if (given != 1) {
            errors.add(new FieldError("phone", given == 0 ? "须给出 phone、email 或 customerId 之一"
                    : "phone、email、customerId 只能给出一项"));
        } else if (!blank(phone) && (Masking.digits(phone).length() < 6 || Masking.digits(phone).length() > 20
                || !phone.strip().matches("\\+?[0-9][0-9 -]*"))) {
            errors.add(new FieldError("phone", "电话号码格式不正确"));
        } else if (!blank(email) && (email.length() > 200 || !email.contains("@"))) {
            errors.add(new FieldError("email", "邮箱格式不正确"));
        } else if (!blank(customerId) && customerId.length() > 64) {
            errors.add(new FieldError("customerId", "不能超过 64 个字符"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Subject(blank(phone) ? null : phone.strip(), blank(email) ? null : email.strip(),
                blank(customerId) ? null : customerId.strip());
    }

    /** The phone's national digits: {@code +86 138-1234-5678} → {@code 13812345678}. */
    public String phoneDigits() {
        String digits = Masking.digits(phone);
        return phone.strip().startsWith("+86") || phone.strip().startsWith("0086")
                ? digits.substring(phone.strip().startsWith("+") ? 2 : 4) : digits;
    }

    public String describe() {
        return phone != null ? "phone " + Masking.phone(phone)
                : email != null ? "email " + PersonalText.maskEmail(email) : "customerId " + customerId;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
