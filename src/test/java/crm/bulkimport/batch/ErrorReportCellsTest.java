package crm.bulkimport.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The report's cells: safe to open in a spreadsheet, and a file's numbers as they were. */
class ErrorReportCellsTest {

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "=HYPERLINK(\"http://evil\")",
        "@SUM(A1)",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "-1+SUM(A1:A9)",
        "=1",
        "\t=1",
        "-\"text\"",
        "+1;=2",
      })
  void a_cell_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe(String cell) {
    assertThat(ErrorReport.neutralised(List.of(cell))).containsExactly("'" + cell);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "-1.00",
        "-$5.00",
        "-12,50 €",
        "- 1.234,50",
        "-5.00 USD",
        "+14155550101",
        "+1 (415) 555-0101",
        "+49 30 1234567",
        "-0",
        "plain text",
        "2024-01-15",
      })
  void a_signed_number_or_phone_number_and_plain_text_stay_as_they_are(String cell) {
    assertThat(ErrorReport.neutralised(List.of(cell))).containsExactly(cell);
  }
}
