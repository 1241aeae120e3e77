package io.complaintflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayFilesTest {

    @TempDir Path dir;

    @Test
    void yearsInSeveralFilesMerge() throws IOException {
        Files.copy(Path.of("src/main/resources/calendar/cn-holidays-2026.yaml"), dir.resolve("cn-holidays-2026.yaml"));
        write("cn-holidays-2027.yaml", """
                year: 2027
                holidays:
                  - {name: 元旦, from: 2027-01-01}
                  - name: 春节
                    from: "2027-02-06"
                    to: 2027-02-12
                makeup_workdays: [2027-02-20]
                """);
        write("README.txt", "not a holiday file");

        HolidaySchedule schedule = new HolidayFiles(dir).load();

        assertThat(schedule.years()).containsExactly(2026, 2027);
        assertThat(schedule.files()).containsExactly(dir.resolve("cn-holidays-2026.yaml").toString(),
                dir.resolve("cn-holidays-2027.yaml").toString());
        assertThat(schedule.holidays()).containsEntry(LocalDate.parse("2026-10-01"), "国庆节")
                .containsEntry(LocalDate.parse("2027-01-01"), "元旦")
                .containsEntry(LocalDate.parse("2027-02-12"), "春节")
                .hasSize(33 + 1 + 7);
        assertThat(schedule.makeupWorkdays()).contains(LocalDate.parse("2026-10-10"), LocalDate.parse("2027-02-20"))
                .hasSize(7);
    }

    @Test
    void aYearWithoutHolidaysIsAllowed() throws IOException {
        write("none.yml", "year: 2026\n");
        assertThat(new HolidayFiles(dir).load().holidays()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty file                     | ''                                                                                  | the file is empty
            not a mapping                  | '- 2026-01-01'                                                                      | top level
            no year                        | 'holidays: []'                                                                      | 'year' is missing
            unknown top-level key          | 'year: 2026\\nmakeup_workday: [2026-01-04]'                                         | unknown key 'makeup_workday'
            bad YAML                       | 'year: 2026\\nholidays: [ {name: x'                                                 | is not valid YAML
            duplicate key                  | 'year: 2026\\nyear: 2027'                                                           | is not valid YAML
            bad date                       | 'year: 2026\\nholidays:\\n  - {name: 国庆节, from: 2026-10-01, to: 2026-10-32}'      | holidays[0] (国庆节) 'to': '2026-10-32' is not a date
            date as number                 | 'year: 2026\\nmakeup_workdays: [20261010]'                                          | makeup_workdays[0]: '20261010' is not a date
            range backwards                | 'year: 2026\\nholidays:\\n  - {name: 春节, from: 2026-02-23, to: 2026-02-15}'       | holidays[0] (春节): 'to' 2026-02-15 is before 'from' 2026-02-23
            range too long                 | 'year: 2026\\nholidays:\\n  - {name: 国庆节, from: 2026-10-01, to: 2026-12-07}'      | longer than 31 days
            missing name                   | 'year: 2026\\nholidays:\\n  - {from: 2026-10-01}'                                   | holidays[0]: 'name' is missing
            unknown entry key              | 'year: 2026\\nholidays:\\n  - {name: 元旦, from: 2026-01-01, until: 2026-01-03}'    | holidays[0] (元旦): unknown key 'until'
            wrong year                     | 'year: 2026\\nmakeup_workdays: [2062-10-10]'                                        | not near the file's year 2026
            holidays not a list            | 'year: 2026\\nholidays: 2026-10-01'                                                 | 'holidays' must be a list
            holiday and make-up day        | 'year: 2026\\nholidays:\\n  - {name: 国庆节, from: 2026-10-01, to: 2026-10-10}\\nmakeup_workdays: [2026-10-10]' | makeup_workdays[0]: 2026-10-10 is also a holiday (国庆节)
            bad time zone                  | 'year: 2026\\ntimezone: Asia/Beijing'                                               | timezone 'Asia/Beijing'
            """)
    void aBadFileFailsNamingTheFileAndTheEntry(String what, String content, String problem) throws IOException {
        Path file = write("bad-2026.yaml", content.replace("\\n", "\n"));
        assertThatThrownBy(() -> new HolidayFiles(dir).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(problem);
    }

    @Test
    void aDayThatIsAHolidayInOneFileAndAMakeUpDayInAnotherFails() throws IOException {
        write("a.yaml", "year: 2026\nholidays:\n  - {name: 国庆节, from: 2026-10-01, to: 2026-10-10}\n");
        write("b.yaml", "year: 2026\nmakeup_workdays: [2026-10-10]\n");
        assertThatThrownBy(() -> new HolidayFiles(dir).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("b.yaml")
                .hasMessageContaining("2026-10-10 is a make-up working day here but a holiday (国庆节) in a.yaml");
    }

    @Test
    void withNothingShippedAMissingOrEmptyFolderFails() {
        assertThatThrownBy(() -> new HolidayFiles(dir.resolve("nowhere")).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere")
                .hasMessageContaining("complaintflow.calendar.holidays-dir");
        assertThatThrownBy(() -> new HolidayFiles(dir).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no *.yaml holiday files");
    }

    @Test
    void theShippedYearsComeFromTheClasspathWhereverTheApplicationRuns() {
        HolidaySchedule schedule = HolidayFiles.withShipped(dir.resolve("nowhere")).load();

        assertThat(schedule.years()).containsExactly(2026);
        assertThat(schedule.files()).containsExactly("classpath:calendar/cn-holidays-2026.yaml");
        assertThat(schedule.holidays()).containsEntry(LocalDate.parse("2026-10-01"), "国庆节").hasSize(33);
        assertThat(schedule.replacedYears()).isEmpty();
    }

    @Test
    void theOperatorsFolderAddsAYearAndReplacesAShippedYearWhole() throws IOException {
        write("cn-holidays-2027.yaml", "year: 2027\nholidays:\n  - {name: 元旦, from: 2027-01-01}\n");
        write("corrected-2026.yaml", "year: 2026\nholidays:\n  - {name: 国庆节, from: 2026-10-01, to: 2026-10-08}\n");

        HolidaySchedule schedule = HolidayFiles.withShipped(dir).load();

        assertThat(schedule.years()).containsExactly(2026, 2027);
        assertThat(schedule.replacedYears()).containsExactly(2026);
        assertThat(schedule.files()).containsExactly(dir.resolve("cn-holidays-2027.yaml").toString(),
                dir.resolve("corrected-2026.yaml").toString());
        assertThat(schedule.holidays()).containsEntry(LocalDate.parse("2026-10-08"), "国庆节")
                .doesNotContainKey(LocalDate.parse("2026-02-16")).hasSize(8 + 1);
        assertThat(schedule.makeupWorkdays()).isEmpty();
    }

    @Test
    void aBadFileInTheFolderStillStopsStartUpEvenWithShippedData() throws IOException {
        Path file = write("cn-holidays-2027.yaml", "year: 2027\nholidays: [ {name: x");
        assertThatThrownBy(() -> HolidayFiles.withShipped(dir).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not valid YAML");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
