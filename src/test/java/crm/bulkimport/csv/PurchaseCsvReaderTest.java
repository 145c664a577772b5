package crm.bulkimport.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.support.Csv;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PurchaseCsvReaderTest {

  private static PurchaseCsvReader reader(byte[] bytes) {
    return PurchaseCsvReader.open(new ByteArrayInputStream(bytes));
  }

  private static PurchaseCsvReader reader(String text) {
    return reader(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<CsvRow> rows(PurchaseCsvReader reader) throws CsvFileProblem {
    List<CsvRow> rows = new ArrayList<>();
    for (CsvRow row = reader.next(); row != null; row = reader.next()) {
      rows.add(row);
    }
    return rows;
  }

  @Test
  void the_header_is_matched_case_insensitively_after_trimming_and_columns_may_be_in_any_order()
      throws Exception {
    PurchaseCsvReader reader =
        reader(
            " SKU_ID ,Quantity,unit_price,line_total,transaction_number,TRANSACTION_DATE,user_id,"
                + "final_amount,store\ns,q,p,t,n,d,u,f,x\n");

    ColumnLayout layout = reader.readHeader(ImportProfile.contract());
    CsvRow row = reader.next();

    assertThat(row.get(Field.SKU)).isEqualTo("s");
    assertThat(row.get(Field.TRANSACTION_NUMBER)).isEqualTo("n");
    assertThat(row.get(Field.FINAL_AMOUNT)).isEqualTo("f");
    assertThat(layout.ignoredColumns()).containsExactly("store");
  }

  @Test
  void a_byte_order_mark_is_not_part_of_the_first_column_name() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = (Csv.HEADER + "\n1,2,3,4,5,6,7,8\n").getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, file, 0, 3);
    System.arraycopy(text, 0, file, 3, text.length);
    PurchaseCsvReader reader = reader(file);

    reader.readHeader(ImportProfile.contract());

    assertThat(reader.next().get(Field.TRANSACTION_NUMBER)).isEqualTo("1");
  }

  @Test
  void each_row_knows_the_line_it_starts_on_across_crlf_and_quoted_line_breaks() throws Exception {
    PurchaseCsvReader reader =
        reader(
            Csv.HEADER
                + "\r\n"
                + "a,\"two\r\nlines\",3,4,5,6,7,8\r\n"
                + "\r\n"
                + "b,2,3,4,5,6,7,\"x\ny\nz\"\r\n"
                + "c,2,3,4,5,6,7,8");
    reader.readHeader(ImportProfile.contract());

    List<CsvRow> rows = rows(reader);

    assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 5L, 8L);
    assertThat(rows.get(0).get(Field.TRANSACTION_DATE)).isEqualTo("two\r\nlines");
  }

  @Test
  void rows_of_only_empty_fields_are_skipped_and_counted() throws Exception {
    PurchaseCsvReader reader = reader(Csv.HEADER + "\n,,,,,,,\n a ,2,3,4,5,6,7,8\n ,,, ,,,,\n");
    reader.readHeader(ImportProfile.contract());

    List<CsvRow> rows = rows(reader);

    assertThat(rows).extracting(CsvRow::line).containsExactly(3L);
    assertThat(reader.blankRows()).isEqualTo(2);
  }

  @Test
  void an_empty_file_is_empty_file_at_line_1() {
    PurchaseCsvReader reader = reader("\n\n");

    assertThatThrownBy(() -> reader.readHeader(ImportProfile.contract()))
        .isInstanceOfSatisfying(
            CsvFileProblem.class,
            p -> {
              ImportError error = p.errors().get(0);
              assertThat(error.code()).isEqualTo("empty_file");
              assertThat(error.line()).isEqualTo(1);
            });
  }

  @Test
  void bytes_that_are_not_utf8_do_not_stop_the_read_so_their_row_can_be_reported()
      throws Exception {
    byte[] head = (Csv.HEADER + "\na,2,3,4,5,6,7,8\n").getBytes(StandardCharsets.UTF_8);
    byte[] latin1 =
        "caf\u00e9,2,3,4,5,6,7,8\nb,2,3,4,5,6,7,8\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] file = new byte[head.length + latin1.length];
    System.arraycopy(head, 0, file, 0, head.length);
    System.arraycopy(latin1, 0, file, head.length, latin1.length);
    PurchaseCsvReader reader = reader(file);
    reader.readHeader(ImportProfile.contract());

    List<CsvRow> rows = rows(reader);

    assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 4L);
    assertThat(rows.get(1).get(Field.TRANSACTION_NUMBER)).isEqualTo("caf\uFFFD");
  }

  @Test
  void a_runaway_quoted_field_is_malformed_csv_not_an_out_of_memory() throws Exception {
    String runaway = "x".repeat(PurchaseCsvReader.MAX_FIELD_CHARS + 10);
    PurchaseCsvReader reader = reader(Csv.HEADER + "\na,2,3,4,5,6,7,8\nb,\"" + runaway + "\n");
    reader.readHeader(ImportProfile.contract());

    assertThatThrownBy(() -> rows(reader))
        .isInstanceOfSatisfying(
            CsvFileProblem.class,
            p -> {
              assertThat(p.errors().get(0).code()).isEqualTo("malformed_csv");
              assertThat(p.errors().get(0).message()).startsWith("A field is longer than 1048576");
            });
  }
}
