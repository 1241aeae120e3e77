package io.complaintflow.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A part of the stays the rollup keeps figures for: all of them, or those of one department, grade, channel or
 * regulator. A stay belongs to {@link #ALL} and to one slice per value its complaint has (a complaint-handling stay
 * to every department the complaint involves, as the heat's department filter counts it).
 */
record Slice(String dimension, String value) {

    static final Slice ALL = new Slice("all", "");

    /** The slices of a stay whose instance belongs to no complaint: all only. */
    static List<Slice> of(Collection<String> departments, String grade, String channel, String regulator) {
        List<Slice> slices = new ArrayList<>();
        slices.add(ALL);
        departments.stream().distinct().sorted().forEach(d -> slices.add(new Slice("department", d)));
        if (grade != null) {
            slices.add(new Slice("grade", grade));
        }
        if (channel != null) {
            slices.add(new Slice("channel", channel));
        }
        if (regulator != null) {
            slices.add(new Slice("regulator", regulator));
        }
        return slices;
    }

    /** The one slice holding exactly the stays a filter selects; none for a filter on two or more dimensions. */
    static Optional<Slice> of(HeatFilter filter) {
        List<Slice> set = new ArrayList<>();
        if (filter.department() != null) {
            set.add(new Slice("department", filter.department()));
        }
        if (filter.grade() != null) {
            set.add(new Slice("grade", filter.grade()));
        }
        if (filter.channel() != null) {
            set.add(new Slice("channel", filter.channel()));
        }
        if (filter.regulator() != null) {
            set.add(new Slice("regulator", filter.regulator()));
        }
        return set.isEmpty() ? Optional.of(ALL) : set.size() == 1 ? Optional.of(set.get(0)) : Optional.empty();
    }
}
