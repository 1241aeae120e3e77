package io.complaintflow.sla;

import java.nio.file.Path;
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
 * Holidays (day → holiday name) and make-up working days read from the holiday files, and the years the files
 * declare.
 */
public record HolidaySchedule(SortedMap<LocalDate, String> holidays, SortedSet<LocalDate> makeupWorkdays,
                              SortedSet<Integer> years, List<Path> files) {

    public HolidaySchedule {
        holidays = Collections.unmodifiableSortedMap(new TreeMap<>(holidays));
        makeupWorkdays = Collections.unmodifiableSortedSet(new TreeSet<>(makeupWorkdays));
        years = Collections.unmodifiableSortedSet(new TreeSet<>(years));
        files = List.copyOf(files);
    }

    public static HolidaySchedule of(Map<LocalDate, String> holidays, Set<LocalDate> makeupWorkdays,
                                     Set<Integer> years, List<Path> files) {
        return new HolidaySchedule(new TreeMap<>(holidays), new TreeSet<>(makeupWorkdays), new TreeSet<>(years), files);
    }
}
