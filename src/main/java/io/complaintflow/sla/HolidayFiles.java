package io.complaintflow.sla;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads every {@code *.yaml} (and {@code *.yml}) file in the holiday folder — one file per year, edited by
 * operators — and merges them:
 * <pre>
 * year: 2026
 * timezone: Asia/Shanghai          # optional, informational
 * holidays:                        # days off, inclusive ranges ("to" may be left out for a single day)
 *   - {name: 国庆节, from: 2026-10-01, to: 2026-10-07}
 * makeup_workdays:                 # weekend days that are working days (调休)
 *   - 2026-10-10
 * </pre>
 * Anything doubtful fails with the file and the entry named: unknown keys, dates that are not {@code yyyy-MM-dd},
 * ranges backwards or longer than {@value #MAX_HOLIDAY_DAYS} days, dates far from the file's year, a day that is
 * both a holiday and a make-up working day (also across files), a missing or empty folder.
 */
public final class HolidayFiles {

    static final int MAX_HOLIDAY_DAYS = 31;
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("year", "timezone", "holidays", "makeup_workdays");
    private static final Set<String> HOLIDAY_KEYS = Set.of("name", "from", "to");

    private final Path dir;

    public HolidayFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public HolidaySchedule load() {
        List<Path> files = files();
        Map<LocalDate, String> holidays = new HashMap<>();
        Map<LocalDate, Path> holidayFile = new HashMap<>();
        Map<LocalDate, Path> makeupFile = new HashMap<>();
        Set<Integer> years = new TreeSet<>();
        for (Path file : files) {
            YearFile year = new YearFile(file, read(file));
            years.add(year.year);
            year.holidays.forEach((day, name) -> {
                if (makeupFile.containsKey(day)) {
                    throw year.fail(day + " is a holiday (" + name + ") here but a make-up working day in "
                            + makeupFile.get(day).getFileName());
                }
                holidays.putIfAbsent(day, name);
                holidayFile.putIfAbsent(day, file);
            });
            for (LocalDate day : year.makeupWorkdays) {
                if (holidayFile.containsKey(day)) {
                    throw year.fail(day + " is a make-up working day here but a holiday (" + holidays.get(day)
                            + ") in " + holidayFile.get(day).getFileName());
                }
                makeupFile.putIfAbsent(day, file);
            }
        }
        return HolidaySchedule.of(holidays, makeupFile.keySet(), years, files);
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Holiday folder " + dir + " does not exist"
                    + " (set complaintflow.calendar.holidays-dir to the folder of the yearly holiday files)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml")
                            || f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list holiday folder " + dir, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("Holiday folder " + dir + " has no *.yaml holiday files");
        }
        return files;
    }

    private static Object read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read holiday file " + file, e);
        }
        try {
            return yaml().load(text);
        } catch (YAMLException e) {
            throw new IllegalStateException("Holiday file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** SnakeYAML, safe, with dates left as text (its timestamp type would turn them into UTC java.util.Dates). */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new DatesAsText());
    }

    private static final class DatesAsText extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** One validated file. */
    private static final class YearFile {

        private final Path file;
        private final int year;
        private final Map<LocalDate, String> holidays = new LinkedHashMap<>();
        private final List<LocalDate> makeupWorkdays = new ArrayList<>();

        YearFile(Path file, Object content) {
            this.file = file;
            if (content == null) {
                throw fail("the file is empty");
            }
            if (!(content instanceof Map<?, ?> root)) {
                throw fail("expected keys year, holidays, makeup_workdays at the top level");
            }
            unknownKeys(root, TOP_LEVEL_KEYS, "top level");
            if (!(root.get("year") instanceof Integer y)) {
                throw fail("'year' is missing or not a number, e.g. year: 2026");
            }
            this.year = y;
            if (root.get("timezone") != null) {
                try {
                    ZoneId.of(String.valueOf(root.get("timezone")));
                } catch (DateTimeException e) {
                    throw fail("timezone '" + root.get("timezone") + "' is not a time zone id such as Asia/Shanghai");
                }
            }
            List<?> holidayEntries = list(root, "holidays");
            for (int i = 0; i < holidayEntries.size(); i++) {
                holiday(holidayEntries.get(i), "holidays[" + i + "]");
            }
            List<?> makeupEntries = list(root, "makeup_workdays");
            for (int i = 0; i < makeupEntries.size(); i++) {
                String where = "makeup_workdays[" + i + "]";
                LocalDate day = date(makeupEntries.get(i), where);
                if (holidays.containsKey(day)) {
                    throw fail(where + ": " + day + " is also a holiday (" + holidays.get(day) + ")");
                }
                makeupWorkdays.add(day);
            }
        }

        private void holiday(Object entry, String where) {
            if (!(entry instanceof Map<?, ?> map)) {
                throw fail(where + ": expected {name: ..., from: yyyy-MM-dd, to: yyyy-MM-dd}, got " + entry);
            }
            Object name = map.get("name");
            if (name == null || String.valueOf(name).isBlank()) {
                throw fail(where + ": 'name' is missing");
            }
            String label = where + " (" + name + ")";
            unknownKeys(map, HOLIDAY_KEYS, label);
            LocalDate from = date(map.get("from"), label + " 'from'");
            LocalDate to = map.get("to") == null ? from : date(map.get("to"), label + " 'to'");
            if (to.isBefore(from)) {
                throw fail(label + ": 'to' " + to + " is before 'from' " + from);
            }
            if (ChronoUnit.DAYS.between(from, to) >= MAX_HOLIDAY_DAYS) {
                throw fail(label + ": " + from + " to " + to + " is longer than " + MAX_HOLIDAY_DAYS + " days");
            }
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                holidays.putIfAbsent(day, String.valueOf(name));
            }
        }

        private LocalDate date(Object value, String where) {
            if (value == null) {
                throw fail(where + ": date is missing");
            }
            LocalDate day;
            try {
                day = LocalDate.parse(String.valueOf(value).trim());
            } catch (DateTimeException e) {
                throw fail(where + ": '" + value + "' is not a date (yyyy-MM-dd)");
            }
            if (Math.abs(day.getYear() - year) > 1) {
                throw fail(where + ": " + day + " is not near the file's year " + year);
            }
            return day;
        }

        private List<?> list(Map<?, ?> root, String key) {
            Object value = root.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw fail("'" + key + "' must be a list");
            }
            return list;
        }

        private void unknownKeys(Map<?, ?> map, Set<String> known, String where) {
            for (Object key : map.keySet()) {
                if (!known.contains(String.valueOf(key))) {
                    throw fail(where + ": unknown key '" + key + "' (expected " + new TreeSet<>(known) + ")");
                }
            }
        }

        IllegalStateException fail(String problem) {
            return new IllegalStateException("Holiday file " + file + ": " + problem);
        }
    }
}
