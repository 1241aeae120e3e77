package io.complaintflow.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.time.Period;
import org.springframework.util.unit.DataSize;

/** {@code @Positive} / {@code @PositiveOrZero} for amounts that are not numbers; null is valid, as for numbers. */
public final class AmountValidators {

    private AmountValidators() {
    }

    public static final class PositiveDuration implements ConstraintValidator<Positive, Duration> {
        @Override
        public boolean isValid(Duration value, ConstraintValidatorContext context) {
            return value == null || !value.isNegative() && !value.isZero();
        }
    }

    public static final class PositiveOrZeroDuration implements ConstraintValidator<PositiveOrZero, Duration> {
        @Override
        public boolean isValid(Duration value, ConstraintValidatorContext context) {
            return value == null || !value.isNegative();
        }
    }

    /** A period of a positive length in days: {@code P1M} is, {@code P1M-31D} is not. */
    public static final class PositivePeriod implements ConstraintValidator<Positive, Period> {
        @Override
        public boolean isValid(Period value, ConstraintValidatorContext context) {
            return value == null || !value.isNegative() && !value.isZero();
        }
    }

    public static final class PositiveDataSize implements ConstraintValidator<Positive, DataSize> {
        @Override
        public boolean isValid(DataSize value, ConstraintValidatorContext context) {
            return value == null || value.toBytes() > 0;
        }
    }
}
