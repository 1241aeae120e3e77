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
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the holiday data — one YAML file per year — from two places and merges them: the years shipped inside
 * the application ({@value #SHIPPED}, the default), and the operator's folder ({@code
 * complaintflow.calendar.holidays-dir}), whose files add years or replace a shipped year entirely (a folder
 * file with {@code year: 2026} hides the shipped 2026 file). The folder may be missing or empty.
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
 * both a holiday and a make-up working day (also across files), no data at all.
 */
public final class HolidayFiles {

    /** Where the shipped years live on the classpath. */
    public static final String SHIPPED = "classpath*:calendar/*.yaml";
    static final int MAX_HOLIDAY_DAYS = 31;
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("year", "timezone", "holidays", "makeup_workdays");
    private static final Set<String> HOLIDAY_KEYS = Set.of("name", "from", "to");

    /** One holiday file's text and the name it is reported under (a path or a classpath location). */
    public record Source(String name, String text) {
    }

    private final Path dir;
    private final List<Source> shipped;

    /** The operator's folder only, nothing shipped. */
    public HolidayFiles(Path dir) {
        this(dir, List.of());
    }

    public HolidayFiles(Path dir, List<Source> shipped) {
        this.dir = dir.toAbsolutePath().normalize();
        this.shipped = List.copyOf(shipped);
    }

    /** The shipped years and the operator's folder: what the application reads. */
    public static HolidayFiles withShipped(Path dir) {
        return new HolidayFiles(dir, shipped());
    }

    /** The holiday files inside the application (classpath {@value #SHIPPED}), by file name. */
    public static List<Source> shipped() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(HolidayFiles.class.getClassLoader())
                    .getResources(SHIPPED);
            List<Source> sources = new ArrayList<>();
            for (Resource resource : resources) {
                try (var in = resource.getInputStream()) {
                    sources.add(new Source("classpath:calendar/" + resource.getFilename(),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            sources.sort(java.util.Comparator.comparing(Source::name));
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the shipped holiday files " + SHIPPED, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public HolidaySchedule load() {
        List<YearFile> fromFolder = new ArrayList<>();
        for (Path file : folderFiles()) {
            fromFolder.add(new YearFile(file.toString(), read(file)));
        }
        Set<Integer> folderYears = new TreeSet<>();
        fromFolder.forEach(f -> folderYears.add(f.year));
        List<YearFile> files = new ArrayList<>();
        Set<Integer> replaced = new TreeSet<>();
        for (Source source : shipped) {
            YearFile file = new YearFile(source.name(), parse(source.name(), source.text()));
            if (folderYears.contains(file.year)) {
                replaced.add(file.year);
            } else {
                files.add(file);
            }
        }
        files.addAll(fromFolder);
        if (files.isEmpty()) {
            throw new IllegalStateException("No holiday data: nothing shipped and " + (Files.isDirectory(dir)
                    ? "holiday folder " + dir + " has no *.yaml holiday files"
                    : "holiday folder " + dir + " does not exist")
                    + " (set complaintflow.calendar.holidays-dir to the folder of the yearly holiday files)");
        }
        Map<LocalDate, String> holidays = new HashMap<>();
        Map<LocalDate, String> holidayFile = new HashMap<>();
        Map<LocalDate, String> makeupFile = new HashMap<>();
        Set<Integer> years = new TreeSet<>();
        for (YearFile year : files) {
            years.add(year.year);
            year.holidays.forEach((day, name) -> {
                if (makeupFile.containsKey(day)) {
                    throw year.fail(day + " is a holiday (" + name + ") here but a make-up working day in "
                            + fileName(makeupFile.get(day)));
                }
                holidays.putIfAbsent(day, name);
                holidayFile.putIfAbsent(day, year.name);
            });
            for (LocalDate day : year.makeupWorkdays) {
                if (holidayFile.containsKey(day)) {
                    throw year.fail(day + " is a make-up working day here but a holiday (" + holidays.get(day)
                            + ") in " + fileName(holidayFile.get(day)));
                }
                makeupFile.putIfAbsent(day, year.name);
            }
        }
        return HolidaySchedule.of(holidays, makeupFile.keySet(), years,
                files.stream().map(f -> f.name).toList(), replaced);
    }

    private static String fileName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf(java.io.File.separatorChar));
        return name.substring(slash + 1);
    }

    private List<Path> folderFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml")
                            || f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list holiday folder " + dir, e);
        }
    }

    private static Object read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read holiday file " + file, e);
        }
        return parse(file.toString(), text);
    }

    private static Object parse(String name, String text) {
        try {
            return yaml().load(text);
        } catch (YAMLException e) {
            throw new IllegalStateException("Holiday file " + name + " is not valid YAML: " + e.getMessage(), e);
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

        private final String name;
        private final int year;
        private final Map<LocalDate, String> holidays = new LinkedHashMap<>();
        private final List<LocalDate> makeupWorkdays = new ArrayList<>();

        YearFile(String name, Object content) {
            this.name = name;
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
            return new IllegalStateException("Holiday file " + name + ": " + problem);
        }
    }
}
