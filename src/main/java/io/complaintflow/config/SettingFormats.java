package io.complaintflow.config;

/** Patterns for settings kept as text because their type has no converter (a month-day, a time of day). */
public final class SettingFormats {

    /** {@code MM-dd}, as {@link java.time.MonthDay#parse} reads it after {@code --}. */
    public static final String MONTH_DAY = "(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    /** {@code HH:mm}. */
    public static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

    private SettingFormats() {
    }
}
