package crm.bulkimport.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * The words of FastCSV's messages that {@link PurchaseCsvReader} reads meaning into ("line N",
 * "buffer size"), pinned word for word, so that an upgrade which rewords them fails here rather
 * than quietly turning exact errors into vague ones.
 */
class FastCsvMessagesTest {

  private static final String RUNAWAY = "x".repeat(PurchaseCsvReader.MAX_FIELD_CHARS + 10);

  private static void readAll(String text) throws Exception {
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .allowExtraFields(true)
            .allowMissingFields(true)
            .maxBufferSize(PurchaseCsvReader.MAX_FIELD_CHARS)
            .ofCsvRecord(new StringReader(text))) {
      for (CsvRecord ignored : csv) {
        // Read to the end, or to the exception.
      }
    }
  }

  @Test
  void a_record_that_cannot_be_read_names_the_line_it_started_on() {
    assertThatThrownBy(() -> readAll("h1,h2\na,b\nc,\"" + RUNAWAY + "\n"))
        .isInstanceOf(CsvParseException.class)
        .hasMessage("Exception when reading record that started in line 3")
        .cause()
        .hasMessage(
            "The maximum buffer size of 1048576 is insufficient to read the data of a single"
                + " field. This issue typically arises when a quotation begins but does not"
                + " conclude within the confines of this buffer's maximum limit. ");
  }

  @Test
  void the_reader_turns_those_messages_into_its_own_with_the_line() throws Exception {
    PurchaseCsvReader reader =
        PurchaseCsvReader.open(
            new java.io.ByteArrayInputStream(
                ("a,b\n1,2\n3,\"" + RUNAWAY).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    reader.readHeaderRow();
    reader.next();

    assertThatThrownBy(reader::next)
        .isInstanceOfSatisfying(
            CsvFileProblem.class,
            p -> {
              assertThat(p.errors().get(0).line()).isEqualTo(3);
              assertThat(p.errors().get(0).message())
                  .isEqualTo(
                      "A field is longer than 1048576 characters; this is usually a quote (\")"
                          + " left open. The rest of the file was not read.");
            });
  }
}
