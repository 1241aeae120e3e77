package io.complaintflow.sla;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holidays (day → holiday name) and make-up working days read from the holiday files, the years the files
 * declare, the files read (paths or classpath locations) and the shipped years the operator's folder replaced.
 */
public record HolidaySchedule(SortedMap<LocalDate, String> holidays, SortedSet<LocalDate> makeupWorkdays,
                              SortedSet<Integer> years, List<String> files, SortedSet<Integer> replacedYears) {

    public HolidaySchedule {
        holidays = Collections.unmodifiableSortedMap(new TreeMap<>(holidays));
        makeupWorkdays = Collections.unmodifiableSortedSet(new TreeSet<>(makeupWorkdays));
        years = Collections.unmodifiableSortedSet(new TreeSet<>(years));
        files = List.copyOf(files);
        replacedYears = Collections.unmodifiableSortedSet(new TreeSet<>(replacedYears));
    }

    public static HolidaySchedule of(Map<LocalDate, String> holidays, Set<LocalDate> makeupWorkdays,
                                     Set<Integer> years, List<String> files, Set<Integer> replacedYears) {
        return new HolidaySchedule(new TreeMap<>(holidays), new TreeSet<>(makeupWorkdays), new TreeSet<>(years), files,
                new TreeSet<>(replacedYears));
    }
}
