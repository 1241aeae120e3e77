package io.complaintflow.report;

import io.complaintflow.complaint.Channel;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.Regulator;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/** The heat view's filter: each value a code of the shared vocabulary, or null for "all". */
public record HeatFilter(String department, String grade, String channel, String regulator) {

    public static final HeatFilter NONE = new HeatFilter(null, null, null, null);

    public static HeatFilter parse(String department, String grade, String channel, String regulator) {
        List<FieldError> errors = new ArrayList<>();
        HeatFilter filter = new HeatFilter(code(Department.class, "department", department, errors),
                code(Grade.class, "grade", grade, errors), code(Channel.class, "channel", channel, errors),
                code(Regulator.class, "regulator", regulator, errors));
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return filter;
    }

    boolean any() {
        return department != null || grade != null || channel != null || regulator != null;
    }

    /** How many of the four dimensions the filter restricts. */
    int dimensions() {
        return (department != null ? 1 : 0) + (grade != null ? 1 : 0) + (channel != null ? 1 : 0)
                + (regulator != null ? 1 : 0);
    }

    /** Whether the filter reads the complaint's own columns (grade, channel, regulator). */
    boolean needsComplaint() {
        return grade != null || channel != null || regulator != null;
    }

    private static <E extends Enum<E> & Coded> String code(Class<E> type, String field, String value,
                                                           List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (Coded.parse(type, value.strip()).isEmpty()) {
            errors.add(new FieldError(field, "取值须为 " + Coded.codes(type) + " 之一"));
            return null;
        }
        return value.strip();
    }
}
