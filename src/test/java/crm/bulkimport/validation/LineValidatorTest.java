package crm.bulkimport.validation;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.support.Csv;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineValidatorTest {

  static final String USER = "0a6c1e52-3b7d-4f19-9e84-5c2d7b1a9f01";
  static final String SKU = "3d9f4b85-6ea0-4c4c-8bb7-8f5a0e4d2c34";

  private final List<ImportError> errors = new ArrayList<>();

  private PurchaseLine validate(String row) throws CsvFileProblem {
    PurchaseCsvReader reader =
        PurchaseCsvReader.open(
            new ByteArrayInputStream(
                (Csv.HEADER + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8)));
    reader.readHeader(ImportProfile.contract());
    CsvRow csvRow = reader.next();
    return new LineValidator().validate(csvRow, errors::add);
  }

  private static String row(String column, String value) {
    String[] values = {"T-1", "2024-01-15T10:00:00Z", USER, "10.00", SKU, "1", "10.00", "10.00"};
    List<String> names = List.of(Csv.HEADER.split(","));
    values[names.indexOf(column)] = value;
    return String.join(",", values);
  }

  @Test
  void a_good_row_becomes_a_typed_line() throws Exception {
    PurchaseLine line =
        validate(
            " T-1 ,2024-01-15 10:00:00," + USER.toUpperCase() + ",10.50," + SKU + ",2,5.25,10.50");

    assertThat(errors).isEmpty();
    assertThat(line.line()).isEqualTo(2);
    assertThat(line.transactionNumber()).isEqualTo("T-1");
    assertThat(line.transactionDate()).isEqualTo(OffsetDateTime.parse("2024-01-15T10:00:00Z"));
    assertThat(line.userId()).isEqualTo(UUID.fromString(USER));
    assertThat(line.finalAmount()).isEqualByComparingTo(new BigDecimal("10.50"));
    assertThat(line.quantity()).isEqualByComparingTo(new BigDecimal("2"));
  }

  @ParameterizedTest(name = "{0} = [{1}] is accepted")
  @CsvSource(
      delimiter = '|',
      value = {
        "transaction_date | 2024-01-15T10:00:00Z",
        "transaction_date | 2024-01-15T10:00:00.250+07:00",
        "transaction_date | 2024-01-15 10:00:00",
        "transaction_date | 2024-01-15T10:00:00",
        "transaction_date | 2024-01-15",
        "transaction_date | 2024-02-29",
        "final_amount | 0",
        "final_amount | 10.500",
        "final_amount | +3.1",
        "quantity | 0.125",
        "unit_price | .5",
        "line_total | 999999999999999.99",
      })
  void valid_values(String column, String value) throws Exception {
    assertThat(validate(row(column, value))).isNotNull();
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0} = [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "transaction_number | '' | required",
        "transaction_date | 2023-02-29 | invalid_date",
        "transaction_date | 15/01/2024 | invalid_date",
        "transaction_date | 2024-01-15T25:00:00Z | invalid_date",
        "transaction_date | 0000-01-01 | out_of_range",
        "user_id | 12345 | invalid_uuid",
        "user_id | 0a6c1e52-3b7d-4f19-9e84-5c2d7b1a9f0g | invalid_uuid",
        "user_id | {0a6c1e52-3b7d-4f19-9e84-5c2d7b1a9f01} | invalid_uuid",
        "sku_id | 1-1-1-1-1 | invalid_uuid",
        "final_amount | 1 234 | invalid_number",
        "final_amount | Infinity | invalid_number",
        "final_amount | 1.5e2 | invalid_number",
        "final_amount | 0x10 | invalid_number",
        "final_amount | - | invalid_number",
        "final_amount | 1.999 | out_of_range",
        "final_amount | -0.01 | out_of_range",
        "final_amount | 1234567890123456 | out_of_range",
        "quantity | 0 | out_of_range",
        "quantity | -2 | out_of_range",
        "unit_price | '' | required",
        "line_total | 1.2.3 | invalid_number",
      })
  void invalid_values(String column, String value, String code) throws Exception {
    assertThat(validate(row(column, value))).isNull();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).code()).isEqualTo(code);
    assertThat(errors.get(0).column()).isEqualTo(column);
    assertThat(errors.get(0).line()).isEqualTo(2);
  }

  @Test
  void a_nul_in_a_transaction_number_is_reported_not_sent_to_the_database() throws Exception {
    assertThat(validate(row("transaction_number", "T\u00001"))).isNull();

    assertThat(errors.get(0).code()).isEqualTo("malformed_csv");
    assertThat(errors.get(0).message()).contains("control character (code 0)");
  }

  @Test
  void text_that_was_not_utf8_is_invalid_encoding_in_its_column() throws Exception {
    assertThat(validate(row("transaction_number", "caf\uFFFD"))).isNull();

    assertThat(errors.get(0).code()).isEqualTo("invalid_encoding");
    assertThat(errors.get(0).column()).isEqualTo("transaction_number");
    assertThat(errors.get(0).message())
        .isEqualTo(
            "transaction_number contains bytes that are not UTF-8 text (the file may be Latin-1"
                + " or Windows-1252). Save it as CSV UTF-8 and upload it again.");
  }

  @Test
  void every_problem_of_a_row_is_reported_with_the_rows_original_values() throws Exception {
    validate("T-9,yesterday,nobody,1.001,," + "0,abc,");

    assertThat(errors)
        .extracting(ImportError::column, ImportError::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("transaction_date", "invalid_date"),
            org.assertj.core.groups.Tuple.tuple("user_id", "invalid_uuid"),
            org.assertj.core.groups.Tuple.tuple("final_amount", "out_of_range"),
            org.assertj.core.groups.Tuple.tuple("sku_id", "required"),
            org.assertj.core.groups.Tuple.tuple("quantity", "out_of_range"),
            org.assertj.core.groups.Tuple.tuple("unit_price", "invalid_number"),
            org.assertj.core.groups.Tuple.tuple("line_total", "required"));
    assertThat(errors.get(0).transactionNumber()).isEqualTo("T-9");
    assertThat(errors.get(0).rowValues())
        .containsExactly("T-9", "yesterday", "nobody", "1.001", "", "0", "abc", "");
  }
}
