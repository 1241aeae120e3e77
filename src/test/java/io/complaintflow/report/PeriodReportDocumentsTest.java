package io.complaintflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeriodReportDocumentsTest {

    @Test
    void csvCellsThatASpreadsheetWouldRunAsAFormulaAreDefused() {
        StringBuilder out = new StringBuilder();
        PeriodReportDocuments.row(out, "=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)", "普通 \"引号\"", "42");
        assertThat(out.toString()).isEqualTo(
                "\"'=HYPERLINK(\"\"http://evil\"\")\",\"'+1\",\"'-2\",\"'@SUM(A1)\",\"普通 \"\"引号\"\"\",\"42\"\r\n");
    }
}
