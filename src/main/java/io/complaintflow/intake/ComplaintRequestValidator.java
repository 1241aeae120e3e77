package io.complaintflow.intake;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Channel;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Customer;
import io.complaintflow.complaint.Regulator;
import io.complaintflow.notification.MailAddress;
import io.complaintflow.security.UnsafeText;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Checks every field of an intake request and reports all problems at once, before anything is stored. */
@Component
public class ComplaintRequestValidator {

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 -]{5,19}$");
    private static final Pattern REF = Pattern.compile("^[\\p{L}\\p{N}._:/#-]{1,100}$");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** No complaint system's record reaches back further; also keeps date arithmetic far from overflow. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    /** Regulators set deadlines in days or weeks; a year ahead is already far beyond any of them. */
    static final Duration LONGEST_DEADLINE = Duration.ofDays(366);
    /**
     * The engine keeps a text variable in 4000 characters (ACT_RU_VARIABLE.TEXT_), and the first-contact
     * resolution becomes the lifecycle's {@code answer} variable.
     */
    static final int MAX_RESOLUTION = 4000;

    private final BusinessClock clock;

    public ComplaintRequestValidator(BusinessClock clock) {
        this.clock = clock;
    }

    public NewComplaint validate(ComplaintRequest r) {
        Check check = new Check(clock.zone());
        if (r == null) {
            throw new InvalidRequestException(List.of(new FieldError("body", "请求体不能为空")));
        }
        String channel = check.code("channel", r.channel(), Channel.class, true);
        String externalRef = check.text("externalRef", r.externalRef(), 100, false);
        if (externalRef != null && !REF.matcher(externalRef).matches()) {
            check.error("externalRef", "只能包含字母、数字和 ._:/#-");
        }
        boolean regulatorChannel = Channel.REGULATOR.code().equals(channel);
        String regulator = check.code("regulator", r.regulator(), Regulator.class, regulatorChannel);
        if (regulator != null && !regulatorChannel) {
            check.error("regulator", "仅适用于渠道 regulator");
        }
        Instant now = clock.now();
        Instant earliest = EARLIEST.atStartOfDay(clock.zone()).toInstant();
        Instant regulatorDeadline = check.within("regulatorDeadline",
                check.instant("regulatorDeadline", r.regulatorDeadline(), true), earliest, now.plus(LONGEST_DEADLINE),
                "须在 " + EARLIEST + " 与一年之后之间");
        if (regulatorDeadline != null && !regulatorChannel) {
            check.error("regulatorDeadline", "仅适用于渠道 regulator");
        }

        Customer customer = null;
        if (r.customer() == null) {
            check.error("customer", "必填");
        } else {
            var c = r.customer();
            String name = check.text("customer.name", c.name(), 100, true);
            String phone = check.text("customer.phone", c.phone(), 30, false);
            if (phone != null && !PHONE.matcher(phone).matches()) {
                check.error("customer.phone", "电话号码格式不正确");
            }
            String email = check.text("customer.email", c.email(), 200, false);
            if (email != null && !MailAddress.isSingle(email)) {
                check.error("customer.email", "须为一个邮箱地址（不能有逗号、分号、空格或多个地址）");
            }
            String customerId = check.text("customer.customerId", c.customerId(), 64, false);
            if (phone == null && email == null && customerId == null) {
                check.error("customer.phone", "电话、邮箱、客户编号至少填写一项，以便联系客户");
            }
            customer = new Customer(name, phone, email, customerId, Boolean.TRUE.equals(c.vip()));
        }

        String category = check.code("category", r.category(), Category.class, false);
        String product = check.text("product", r.product(), 200, false);
        String subject = check.text("subject", r.subject(), 200, false);
        String description = check.text("description", r.description(), 5000, true);
        BigDecimal amount = r.amountClaimed();
        if (amount != null && (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.scale() > 2)) {
            check.error("amountClaimed", "金额须在 0 到 999999999999.99 之间，最多两位小数");
        }
        Instant occurredAt = check.instant("occurredAt", r.occurredAt(), false);
        if (occurredAt != null && occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            check.error("occurredAt", "不能晚于当前时间");
            occurredAt = null;
        }
        occurredAt = check.within("occurredAt", occurredAt, earliest, now.plus(CLOCK_SKEW),
                "须在 " + EARLIEST + " 之后");
        boolean resolvedAtIntake = Boolean.TRUE.equals(r.resolvedAtIntake());
        String resolution = check.text("resolution", r.resolution(), MAX_RESOLUTION, resolvedAtIntake);
        if (resolution != null && !resolvedAtIntake) {
            check.error("resolution", "仅在首问解决（resolvedAtIntake = true）时填写");
        }

        if (!check.errors.isEmpty()) {
            throw new InvalidRequestException(check.errors);
        }
        return new NewComplaint(channel, externalRef, regulator, regulatorDeadline, customer, Category.of(category),
                product, subject, description, amount, occurredAt, resolvedAtIntake, resolution);
    }

    /** Collects field errors while normalising values. */
    private static final class Check {
        private final List<FieldError> errors = new ArrayList<>();
        private final ZoneId zone;

        Check(ZoneId zone) {
            this.zone = zone;
        }

        void error(String field, String message) {
            errors.add(new FieldError(field, message));
        }

        String text(String field, String value, int max, boolean required) {
            String v = value == null ? null : value.strip();
            if (v == null || v.isEmpty()) {
                if (required) {
                    error(field, "必填");
                }
                return null;
            }
            // UTF-16 units, not code points: H2 counts them so, and the limit must hold on every database
            if (v.length() > max) {
                error(field, "最多 " + max + " 个字符");
            }
            UnsafeText.problem(v).ifPresent(reason -> error(field, reason));
            return v;
        }

        Instant within(String field, Instant value, Instant earliest, Instant latest, String message) {
            if (value != null && (value.isBefore(earliest) || value.isAfter(latest))) {
                error(field, message);
                return null;
            }
            return value;
        }

        <E extends Enum<E> & Coded> String code(String field, String value, Class<E> type, boolean required) {
            String v = text(field, value, 50, required);
            if (v != null && Coded.parse(type, v).isEmpty()) {
                error(field, "取值须为以下之一：" + Coded.codes(type));
            }
            return v;
        }

        /** ISO-8601 with offset, or a local date-time / date read in the business time zone. */
        Instant instant(String field, String value, boolean dateMeansEndOfDay) {
            String v = text(field, value, 40, false);
            if (v == null) {
                return null;
            }
            try {
                if (v.length() == 10) {
                    LocalDate date = LocalDate.parse(v);
                    LocalTime time = dateMeansEndOfDay ? LocalTime.of(23, 59, 59) : LocalTime.MIDNIGHT;
                    return date.atTime(time).atZone(zone).toInstant();
                }
                if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                    return OffsetDateTime.parse(v).toInstant();
                }
                return LocalDateTime.parse(v).atZone(zone).toInstant();
            } catch (DateTimeException e) { // unparsable, or beyond what an Instant holds

                error(field, "日期格式不正确，应为 ISO-8601，例如 2026-03-15T10:30:00+08:00 或 2026-03-15");
                return null;
            }
        }
    }
}
