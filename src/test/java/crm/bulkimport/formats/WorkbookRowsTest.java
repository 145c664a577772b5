package crm.bulkimport.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.support.Workbooks;
import crm.bulkimport.support.Workbooks.Formatted;
import crm.bulkimport.support.Workbooks.Formula;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A workbook's sheet read as the same rows a CSV file gives. */
class WorkbookRowsTest {

  final PurchaseFiles files = new PurchaseFiles(new FormatProperties(DataSize.ofMegabytes(20)));

  static final List<Object> HEADER =
      Arrays.asList(
          "transaction_number",
          "transaction_date",
          "user_id",
          "final_amount",
          "sku_id",
          "quantity",
          "unit_price",
          "line_total",
          // A formatted but empty cell past the header's last name is no column.
          new Formatted("", "@"));

  static byte[] orders() {
    List<List<Object>> orders = new ArrayList<>();
    orders.add(HEADER);
    orders.add(
        List.of(
            "T-1",
            LocalDateTime.of(2024, 1, 15, 10, 30, 5),
            "u-1",
            new BigDecimal("0.123456789012345"),
            "s-1",
            3,
            new BigDecimal("19.99"),
            new Formula("F2*G2")));
    // Row 3 is not in the sheet at all; row 4 has only an empty formatted cell.
    orders.add(null);
    orders.add(List.of(new Formatted("", "0.00")));
    orders.add(
        Arrays.asList(
            1001,
            new Formatted(LocalDate.of(2024, 3, 17), "dd.mm.yyyy"),
            "u-2",
            1234567,
            "s-2",
            1));
    Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    sheets.put("Orders", orders);
    sheets.put(
        "Refunds",
        List.of(List.of("transaction_number", "amount"), List.of("R-1", new BigDecimal("-5.5"))));
    return Workbooks.of(sheets);
  }

  List<CsvRow> rows(byte[] workbook, String sheet, List<String> header) throws Exception {
    List<CsvRow> rows = new ArrayList<>();
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(workbook), sheet)) {
      header.addAll(reader.readHeaderRow());
      reader.layOut(ImportProfile.contract());
      for (CsvRow row = reader.next(); row != null; row = reader.next()) {
        rows.add(row);
      }
      assertThat(reader.format()).isEqualTo("xlsx");
      assertThat(reader.blankRows()).isEqualTo(1);
      assertThat(reader.bytesRead()).isPositive().isLessThanOrEqualTo(workbook.length);
    }
    return rows;
  }

  @Test
  void the_first_sheet_s_rows_come_with_their_sheet_row_numbers_and_exact_values()
      throws Exception {
    List<String> header = new ArrayList<>();
    List<CsvRow> rows = rows(orders(), null, header);

    assertThat(header)
        .containsExactlyElementsOf(HEADER.subList(0, 8).stream().map(String::valueOf).toList());
    assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 5L);
    assertThat(rows.get(0).fields())
        .containsExactly(
            "T-1", "2024-01-15 10:30:05", "u-1", "0.123456789012345", "s-1", "3", "19.99", "59.97");
    // Short rows are as wide as the header: the cells a sheet leaves out are empty.
    assertThat(rows.get(1).fields())
        .containsExactly("1001", "2024-03-17", "u-2", "1234567", "s-2", "1", "", "");
  }

  @Test
  void date_cells_and_number_cells_are_marked_so_that_no_profile_format_misreads_them()
      throws Exception {
    List<CsvRow> rows = rows(orders(), null, new ArrayList<>());

    CsvRow first = rows.get(0);
    assertThat(first.isDateCell(Field.TRANSACTION_DATE)).isTrue();
    assertThat(first.isNumberCell(Field.FINAL_AMOUNT)).isTrue();
    assertThat(first.isNumberCell(Field.LINE_TOTAL)).isTrue();
    assertThat(first.isNumberCell(Field.TRANSACTION_NUMBER)).isFalse();
    assertThat(rows.get(1).isDateCell(Field.TRANSACTION_DATE)).isTrue();
    assertThat(rows.get(1).isNumberCell(Field.TRANSACTION_NUMBER)).isTrue();
  }

  @Test
  void the_sheet_named_in_the_upload_is_read_instead() throws Exception {
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(orders()), "refunds ")) {
      assertThat(reader.readHeaderRow()).containsExactly("transaction_number", "amount");
      assertThat(reader.next().fields()).containsExactly("R-1", "-5.5");
    }
  }

  @Test
  void a_sheet_the_workbook_does_not_have_is_unknown_sheet_naming_the_ones_it_has()
      throws Exception {
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(orders()), "Sales")) {
      assertThatThrownBy(reader::readHeaderRow)
          .isInstanceOfSatisfying(
              CsvFileProblem.class,
              problem -> {
                assertThat(problem.errors().get(0).code()).isEqualTo("unknown_sheet");
                assertThat(problem.errors().get(0).message())
                    .isEqualTo(
                        "The workbook has no sheet named 'Sales'. Its sheets: 'Orders', 'Refunds'.");
              });
    }
  }

  @Test
  void the_intake_s_check_finds_an_unknown_sheet_before_anything_is_stored() {
    assertThatThrownBy(
            () -> files.check(new ByteArrayInputStream(orders()), FileFormat.ZIP, "Sales"))
        .isInstanceOfSatisfying(
            crm.bulkimport.csv.UnreadableInput.class,
            e -> assertThat(e.error().code()).isEqualTo("unknown_sheet"));
  }

  @Test
  void float_noise_past_excel_s_fifteen_digits_is_rounded_away() throws Exception {
    byte[] workbook =
        Workbooks.zip(
            Workbooks.parts(
                "<worksheet xmlns=\""
                    + Workbooks.MAIN_NS
                    + "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c>"
                    + "<c t=\"inlineStr\"><is><t>b</t></is></c></row><row r=\"2\">"
                    + "<c><v>59.970000000000006</v></c><c><v>1.5E-3</v></c></row>"
                    + "</sheetData></worksheet>",
                null));
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(workbook), null)) {
      reader.readHeaderRow();
      assertThat(reader.next().fields()).containsExactly("59.97", "0.0015");
    }
  }

  @Test
  void excel_s_escapes_of_characters_xml_cannot_hold_are_decoded_in_every_kind_of_text()
      throws Exception {
    // Excel writes a carriage return in a cell as _x000D_, and a literal "_x000D_" as
    // _x005F_x000D_.
    String sheet =
        "<worksheet xmlns=\""
            + Workbooks.MAIN_NS
            + "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c>"
            + "<c t=\"inlineStr\"><is><t>b</t></is></c><c t=\"inlineStr\"><is><t>c</t></is></c>"
            + "<c t=\"inlineStr\"><is><t>d</t></is></c><c t=\"inlineStr\"><is><t>e</t></is></c>"
            + "</row><row r=\"2\">"
            + "<c t=\"s\"><v>0</v></c>"
            + "<c t=\"inlineStr\"><is><t>tab_x0009_here</t></is></c>"
            + "<c t=\"str\"><f>A2&amp;\"x\"</f><v>keep_x005F_x000D_</v></c>"
            + "<c t=\"s\"><v>1</v></c>"
            + "<c t=\"inlineStr\"><is><t>nul_x0000_here</t></is></c></row></sheetData></worksheet>";
    String strings =
        "<sst xmlns=\""
            + Workbooks.MAIN_NS
            + "\"><si><t>first_x000D_\nsecond</t></si><si><t>tax_x_rate_xABC_</t></si></sst>";
    byte[] workbook = Workbooks.zip(Workbooks.parts(sheet, strings));
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(workbook), null)) {
      reader.readHeaderRow();
      assertThat(reader.next().fields())
          .containsExactly(
              "first\r\nsecond", "tab\there", "keep_x000D_", "tax_x_rate_xABC_", "nul\uFFFDhere");
    }
  }

  @Test
  void the_workbook_is_the_part_the_package_s_relationships_name_wherever_it_lies()
      throws Exception {
    // The same workbook with its parts under book/ instead of xl/, as the relationships say.
    Map<String, byte[]> moved = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> part :
        Workbooks.parts(Workbooks.sheetXml("", List.of("a,b", "1,x")), null).entrySet()) {
      moved.put(
          part.getKey().replace("xl/", "book/"),
          new String(part.getValue(), StandardCharsets.UTF_8)
              .replace("xl/", "book/")
              .getBytes(StandardCharsets.UTF_8));
    }
    byte[] workbook = Workbooks.zip(moved);

    files.check(new ByteArrayInputStream(workbook), FileFormat.ZIP, "Sheet1");
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(workbook), null)) {
      assertThat(reader.readHeaderRow()).containsExactly("a", "b");
      assertThat(reader.next().fields()).containsExactly("1", "x");
    }

    // Relationships that name a workbook the zip does not hold: not a workbook.
    moved.remove("book/workbook.xml");
    assertThatThrownBy(
            () -> files.check(new ByteArrayInputStream(Workbooks.zip(moved)), FileFormat.ZIP, null))
        .isInstanceOfSatisfying(
            crm.bulkimport.csv.UnreadableInput.class,
            e -> assertThat(e.error().code()).isEqualTo("unsupported_file"));
  }
}
