package crm.bulkimport.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ImportError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class GzipFilesTest {

  static final String CSV = "a,b\n1,2\n\n3,4\n";

  final PurchaseFiles files = new PurchaseFiles(new FormatProperties(DataSize.ofKilobytes(64)));

  @Test
  void a_gzip_file_gives_the_rows_and_lines_of_the_csv_it_holds() throws Exception {
    List<String> read = new ArrayList<>();
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(gzip(CSV)), null)) {
      assertThat(reader.readHeaderRow()).containsExactly("a", "b");
      for (CsvRow row = reader.next(); row != null; row = reader.next()) {
        read.add(row.line() + ":" + String.join("|", row.fields()));
      }
      assertThat(reader.format()).isEqualTo("csv.gz");
      assertThat(reader.bytesRead()).isEqualTo(gzip(CSV).length);
    }
    assertThat(read).containsExactly("2:1|2", "4:3|4");
  }

  @Test
  void concatenated_gzip_members_are_one_file() throws Exception {
    byte[] first = gzip("a,b\n1,2\n");
    byte[] second = gzip("3,4\n");
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(both), null)) {
      reader.readHeaderRow();
      assertThat(reader.next().fields()).containsExactly("1", "2");
      assertThat(reader.next().fields()).containsExactly("3", "4");
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void a_gzip_file_that_unpacks_past_the_limit_stops_there_as_the_file_s_error() throws Exception {
    String big = "a,b\n" + "1,2\n".repeat(20_000);
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(gzip(big)), null)) {
      reader.readHeaderRow();
      assertThatThrownBy(
              () -> {
                while (reader.next() != null) {}
              })
          .isInstanceOfSatisfying(
              CsvFileProblem.class,
              problem -> {
                ImportError error = problem.errors().get(0);
                assertThat(error.code()).isEqualTo("file_too_large");
                assertThat(error.message())
                    .startsWith(
                        "The gzip file unpacks to more than the 64KB limit"
                            + " (IMPORTER_MAX_FILE_SIZE)");
              });
    }
  }

  @Test
  void the_intake_s_check_reads_the_gzip_file_through_and_finds_it_too_large() {
    String big = "a,b\n" + "1,2\n".repeat(20_000);
    assertThatThrownBy(
            () -> files.check(new ByteArrayInputStream(gzip(big)), FileFormat.GZIP, null))
        .isInstanceOfSatisfying(
            UnreadableInput.class, e -> assertThat(e.error().code()).isEqualTo("file_too_large"));
  }

  @Test
  void a_damaged_gzip_file_is_malformed_gzip_at_its_first_row() throws Exception {
    byte[] damaged = gzip("a,b\n" + "1,2\n".repeat(1000));
    damaged = Arrays.copyOf(damaged, damaged.length / 2);
    try (PurchaseCsvReader reader = files.open(new ByteArrayInputStream(damaged), null)) {
      assertThatThrownBy(
              () -> {
                reader.readHeaderRow();
                while (reader.next() != null) {}
              })
          .isInstanceOfSatisfying(
              CsvFileProblem.class,
              problem -> assertThat(problem.errors().get(0).code()).isEqualTo("malformed_gzip"));
    }
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
