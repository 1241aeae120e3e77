package io.complaintflow.report;

import io.complaintflow.complaint.Channel;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.Regulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A part of the stays the rollup keeps figures for: all of them, or those of one department, grade, channel or
 * regulator. A stay belongs to {@link #ALL} and to one slice per value its complaint has (a complaint-handling stay
 * to every department the complaint involves, as the heat's department filter counts it). For filters on two or more
 * dimensions a complaint's stay also belongs to one {@value #COMBO} slice — its grade, channel and regulator in one
 * value — and to one {@value #DEPT_COMBO} slice per department: such a filter reads the combinations it selects
 * ({@link #of(HeatFilter)}), each stay in exactly one of them.
 */
record Slice(String dimension, String value) {

    static final Slice ALL = new Slice("all", "");
    static final String COMBO = "combo";
    static final String DEPT_COMBO = "dept-combo";
    /** In a combination: no value (null). */
    static final String NONE = "";
    /** In a combination: a value outside today's vocabulary (so that "any" can be listed). */
    static final String OTHER = "?";

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

    /** A complaint's stay: its single slices and its combinations. */
    static List<Slice> ofComplaint(Collection<String> departments, String grade, String channel, String regulator) {
        List<Slice> slices = of(departments, grade, channel, regulator);
        String combo = combo(grade, channel, regulator);
        slices.add(new Slice(COMBO, combo));
        departments.stream().distinct().sorted().forEach(d -> slices.add(new Slice(DEPT_COMBO, d + "|" + combo)));
        return slices;
    }

    /**
     * The slices holding exactly the stays a filter selects: {@link #ALL}, one slice for a filter on one dimension,
     * the combinations it matches for a filter on two or more (each stay is in at most one of them).
     */
    static List<Slice> of(HeatFilter filter) {
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
        if (set.size() <= 1) {
            return set.isEmpty() ? List.of(ALL) : set;
        }
        List<Slice> combos = new ArrayList<>();
        for (String g : anyOr(filter.grade(), Grade.class)) {
            for (String c : anyOr(filter.channel(), Channel.class)) {
                for (String r : anyOr(filter.regulator(), Regulator.class)) {
                    String combo = g + "|" + c + "|" + r;
                    combos.add(filter.department() == null ? new Slice(COMBO, combo)
                            : new Slice(DEPT_COMBO, filter.department() + "|" + combo));
                }
            }
        }
        return combos;
    }

    /** Grade, channel and regulator as one value; each as in {@link #part}. */
    static String combo(String grade, String channel, String regulator) {
        return part(grade, Grade.class) + "|" + part(channel, Channel.class) + "|" + part(regulator, Regulator.class);
    }

    /** A value as a combination holds it: its code, {@link #NONE} for null, {@link #OTHER} outside the vocabulary. */
    static <E extends Enum<E> & Coded> String part(String value, Class<E> type) {
        return value == null ? NONE : Coded.parse(type, value).isPresent() ? value : OTHER;
    }

    /** The same in SQL, for a column or expression. */
    static <E extends Enum<E> & Coded> String partSql(String column, Class<E> type) {
        return "case when " + column + " is null then '" + NONE + "' when " + column + " in ("
                + String.join(", ", codes(type).stream().map(c -> "'" + c + "'").toList()) + ") then " + column
                + " else '" + OTHER + "' end";
    }

    /** Grade, channel and regulator columns of the complaint {@code c} as one value, in SQL. */
    static String comboSql(String alias) {
        return "(" + partSql(alias + ".grade", Grade.class) + ") || '|' || (" + partSql(alias + ".channel", Channel.class)
                + ") || '|' || (" + partSql(alias + ".regulator", Regulator.class) + ")";
    }

    private static <E extends Enum<E> & Coded> List<String> anyOr(String value, Class<E> type) {
        if (value != null) {
            return List.of(value);
        }
        List<String> all = new ArrayList<>(codes(type));
        all.add(NONE);
        all.add(OTHER);
        return all;
    }

    private static <E extends Enum<E> & Coded> List<String> codes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
    }
}
